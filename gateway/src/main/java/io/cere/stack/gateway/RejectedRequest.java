package io.cere.stack.gateway;

/**
 * A request the gateway answers with an error before anything reaches Kafka; carries the answer.
 */
final class RejectedRequest extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient GatewayResponse response;

    RejectedRequest(GatewayResponse response) {
        // Control flow at the edge, not a fault: no stack trace to fill.
        super(response.status() + " " + response.bodyText(), null, false, false);
        this.response = response;
    }

    static RejectedRequest of(int status, String code, String message) {
        return new RejectedRequest(GatewayResponse.error(status, code, message));
    }

    GatewayResponse response() {
        return response;
    }

    int status() {
        return response.status();
    }
}
