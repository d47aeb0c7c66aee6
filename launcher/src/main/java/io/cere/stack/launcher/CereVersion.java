package io.cere.stack.launcher;

import picocli.CommandLine.IVersionProvider;

/**
 * The version of the launcher jar, from its manifest ({@code development} when run from classes).
 */
public final class CereVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = CereCli.class.getPackage().getImplementationVersion();
        return new String[] {"cere " + (version != null ? version : "(development build)")};
    }
}
