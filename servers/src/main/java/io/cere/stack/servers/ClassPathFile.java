package io.cere.stack.servers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A class path file as {@code maven-dependency-plugin:build-classpath} writes it into a module's
 * jar: absolute jar paths, {@link File#pathSeparator}-separated. The paths name the Maven
 * repository of the machine that built the module, so each one is checked to exist.
 */
final class ClassPathFile {

    private ClassPathFile() {}

    /**
     * The jars listed in {@code resource} (an absolute resource name) as {@code loader} finds it.
     *
     * @param what the server the class path is for, in messages: {@code "The Kafka broker"}
     * @param builtBy the module whose build writes the resource, in messages
     */
    static List<Path> read(ClassLoader loader, String resource, String what, String builtBy)
            throws ServerStartException {
        URL url = loader.getResource(resource.substring(1));
        if (url == null) {
            throw new ServerStartException(
                    what
                            + "'s class path resource "
                            + resource
                            + " is not on the class path; the "
                            + builtBy
                            + " build writes it (generate-resources)");
        }
        String text;
        try (InputStream in = url.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new ServerStartException("Cannot read " + url, e);
        }
        return parse(text, resource, what, builtBy);
    }

    static List<Path> parse(String text, String resource, String what, String builtBy)
            throws ServerStartException {
        List<Path> jars = new ArrayList<>();
        for (String entry : text.split(Pattern.quote(File.pathSeparator))) {
            if (entry.isBlank()) {
                continue;
            }
            Path jar = Path.of(entry.trim());
            if (!Files.exists(jar)) {
                throw new ServerStartException(
                        what
                                + "'s class path names "
                                + jar
                                + ", which does not exist; it was written when "
                                + builtBy
                                + " was built, against that machine's Maven repository. Rebuild "
                                + builtBy
                                + " here.");
            }
            jars.add(jar);
        }
        if (jars.isEmpty()) {
            throw new ServerStartException(resource + " is empty");
        }
        return jars;
    }
}
