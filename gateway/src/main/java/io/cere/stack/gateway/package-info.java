/**
 * The event gateway: clients post signed event envelopes over HTTP; the gateway checks their
 * structure and writes each one, byte for byte, to the Kafka topic {@code events.raw}, keyed by
 * envelope id, with the headers {@code cere.client-ip} and {@code cere.received-at}. Signatures are
 * verified downstream by the ingest job, not here.
 *
 * <p>Entry points: {@link io.cere.stack.gateway.EventGateway} (embedded) and {@link
 * io.cere.stack.gateway.GatewayMain} (its own process), configured by {@link
 * io.cere.stack.gateway.GatewayOptions}.
 *
 * <h2>HTTP API</h2>
 *
 * Every answer is JSON with a Content-Length (except {@code /metrics}, Prometheus text); errors are
 * {@code {"error": code, "message": text}}, plus {@code errors} for invalid envelopes.
 *
 * <table>
 *   <caption>Answers</caption>
 *   <tr><th>status</th><th>error</th><th>when</th></tr>
 *   <tr><td>202</td><td></td><td>{@code POST /events}: Kafka acknowledged every envelope
 *       (acks=all); body {@code {"accepted": [ids]}}</td></tr>
 *   <tr><td>400</td><td>malformed_json</td><td>the body is not one JSON value (message gives
 *       line and column)</td></tr>
 *   <tr><td>400</td><td>invalid_events</td><td>an envelope breaks a field rule, an element is
 *       not an object, or there is no envelope; {@code errors: [{index, field, message}]}
 *       ({@code index} for arrays only); nothing of the request is written</td></tr>
 *   <tr><td>404</td><td>not_found</td><td>any other path</td></tr>
 *   <tr><td>405</td><td>method_not_allowed</td><td>wrong method; {@code Allow} names the right
 *       one</td></tr>
 *   <tr><td>413</td><td>body_too_large</td><td>body over {@code maxBodyBytes} (Content-Length
 *       or counted while streaming)</td></tr>
 *   <tr><td>413</td><td>too_many_events</td><td>more envelopes than {@code maxInFlightEvents}
 *       in one request</td></tr>
 *   <tr><td>413</td><td>event_too_large</td><td>Kafka refused a record as too large</td></tr>
 *   <tr><td>415</td><td>unsupported_media_type</td><td>Content-Type is not {@code
 *       application/json} (UTF-8)</td></tr>
 *   <tr><td>503</td><td>overloaded</td><td>not enough in-flight permits free right now;
 *       {@code Retry-After: 1}</td></tr>
 *   <tr><td>503</td><td>kafka_unavailable</td><td>Kafka did not acknowledge every record
 *       (timeout or error); nothing is listed as accepted; {@code Retry-After: 5}</td></tr>
 *   <tr><td>503</td><td>shutting_down</td><td>the gateway is closing</td></tr>
 *   <tr><td>200 / 503</td><td></td><td>{@code GET /health}: {@code status} UP or DOWN, with
 *       the Kafka connection, topic and partitions (or the reason)</td></tr>
 *   <tr><td>200</td><td></td><td>{@code GET /metrics}: counters as Prometheus text</td></tr>
 * </table>
 *
 * <p>A request must arrive whole, headers and body, within 30 s of its first byte; otherwise the
 * connection is closed without an answer, so clients that stall mid-request cannot hold every
 * request thread. The limit is the JDK server's system property {@code
 * sun.net.httpserver.maxReqTime} (seconds), which a {@code -D} on the command line overrides.
 *
 * <p>Delivery is at least once: when Kafka acknowledges only part of a request, the acknowledged
 * records stay on the topic and the client's retry writes them again; the ingest job drops
 * duplicates by envelope id.
 */
package io.cere.stack.gateway;
