package io.mosaic.itests.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * A client of a serving runtime's HTTP API and page, as a script would call them with the access token (as
 * {@code Authorization: Bearer}), or, with {@link #raw}, as anything else could send bytes to the port.
 */
public final class HttpApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final String token;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param token the access token the server printed, or {@code null} to send none */
    public HttpApi(URI endpoint, String token) {
        this.endpoint = endpoint;
        this.token = token;
    }

    /** A response: its status and body. */
    public record Answer(int status, String contentType, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send(authorized(path).GET().build());
    }

    public Answer delete(String path) throws IOException, InterruptedException {
        return send(authorized(path).DELETE().build());
    }

    /** The {@code Host} header a client of this server sends: its address and port. */
    public String hostHeader() {
        return endpoint.getHost() + ":" + endpoint.getPort();
    }

    /** The access token this client sends, or {@code null}. */
    public String token() {
        return token;
    }

    public Answer post(String path, String json) throws IOException, InterruptedException {
        return post(path, "application/json", json);
    }

    public Answer post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(authorized(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * Sends {@code head} (a request line and headers, lines ended by CRLF, without the blank line) and {@code body}
     * over a plain socket, as any program could, with headers a browser or {@link HttpClient} would not send
     * ({@code Host}, {@code TRACE}); the answer is read until the server closes the connection. A request line of
     * HTTP/1.0 keeps the answer's body unchunked. A {@code Content-Length} is added unless {@code head} has one.
     */
    public Answer raw(String head, String body) throws IOException {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            String length = head.toLowerCase(Locale.ROOT).contains("content-length:") ? ""
                    : "Content-Length: " + content.length + "\r\n";
            out.write((head + length + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            int blank = answer.indexOf("\r\n\r\n");
            String headers = answer.substring(0, blank);
            String type = headers.lines().filter(l -> l.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(l -> l.substring(13).trim()).findFirst().orElse("");
            return new Answer(status, type, answer.substring(blank + 4));
        }
    }

    private HttpRequest.Builder authorized(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** {@code value} as a JSON text, for request bodies. */
    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Answer send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }
}
