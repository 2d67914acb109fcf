package io.mosaic.runtime.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.assembly.yaml.Fragment;
import io.mosaic.runtime.registry.UnknownComponentException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API, under {@value #PATTERN}, in JSON:
 * <ul>
 *   <li>{@code GET components}, {@code GET assemblies}, {@code GET status}: what {@link Workbench} reports;</li>
 *   <li>{@code POST runs} with {@code {"assembly": name}} or {@code {"yaml": text}}, and optional
 *       {@code "set": ["key.path=value", ...]}: queues a run and answers 202 with its job;</li>
 *   <li>{@code POST compares} with {@code {"assemblies": [...], "seeds": n, "set": [...]}}: queues a comparison;</li>
 *   <li>{@code GET jobs}: every job; {@code GET jobs/<id>}: one job with its progress (every finished epoch, the
 *       time left), the URL of its folder's page once it has one, and its results once completed
 *       ({@code metrics.json} of a run, {@code comparison.json} of a comparison);</li>
 *   <li>{@code POST jobs/<id>/cancel} or {@code DELETE jobs/<id>}: cancels a job (see {@link Jobs});</li>
 *   <li>{@code GET runs}: the runs, seed groups and comparisons under the runs folder, made before or since the
 *       server started (see {@link PastWork}).</li>
 * </ul>
 * An assembly is an installed one's name, or a file only when {@code serve} was given a folder for them (see
 * {@link ServedAssemblies}). A request the runtime cannot take is answered with a 4xx status and
 * {@code {"error": message}}: 400 for a malformed or invalid one, 404 for what does not exist, 413 for a body over the
 * limit, 429 when the queue is full. {@link RequestGuard} has checked the method, token, host and origin before.
 */
final class ApiServlet extends HttpServlet {
    static final String PATTERN = "/api/*";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final Pattern JOB = Pattern.compile("/jobs/(\\d{1,18})");
    private static final Pattern CANCEL = Pattern.compile("/jobs/(\\d{1,18})/cancel");
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final transient Workbench workbench;
    private final transient HttpAccess access;
    private final transient ServedAssemblies served;

    ApiServlet(Workbench workbench, HttpAccess access, ServedAssemblies served) {
        this.workbench = workbench;
        this.access = access;
        this.served = served;
    }

    /** The body of {@code POST runs}: an assembly by name, or as YAML text. */
    record RunRequest(String assembly, String yaml, List<String> set) {
    }

    /** The body of {@code POST compares}. */
    record CompareRequest(List<String> assemblies, Integer seeds, List<String> set) {
    }

    /** A request that cannot be taken, with the status that says why. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        answering(response, () -> {
            Matcher job = JOB.matcher(path);
            return switch (path) {
                case "/components" -> workbench.components();
                case "/assemblies" -> workbench.assemblies();
                case "/status" -> workbench.status();
                case "/jobs" -> workbench.jobs().stream().map(Job::view).toList();
                case "/runs" -> PastWork.under(workbench.runs());
                default -> {
                    if (!job.matches()) {
                        throw new Refused(404, "no such resource: GET /api" + Fragment.of(path));
                    }
                    yield job(Long.parseLong(job.group(1)));
                }
            };
        }, 200);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        Matcher cancel = CANCEL.matcher(path);
        if (!path.equals("/runs") && !path.equals("/compares")) {
            skipBody(request);
        }
        answering(response, () -> cancel.matches() ? cancel(Long.parseLong(cancel.group(1))) : switch (path) {
            case "/runs" -> submitRun(body(request, RunRequest.class)).view();
            case "/compares" -> submitCompare(body(request, CompareRequest.class)).view();
            default -> throw new Refused(404, "no such resource: POST /api" + Fragment.of(path));
        }, 202);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        Matcher job = JOB.matcher(path);
        answering(response, () -> {
            if (!job.matches()) {
                throw new Refused(404, "no such resource: DELETE /api" + Fragment.of(path));
            }
            return cancel(Long.parseLong(job.group(1)));
        }, 202);
    }

    /** Answers {@code status} with what {@code work} returns, or the status and message of why it could not. */
    private static void answering(HttpServletResponse response, Callable<Object> work, int status)
            throws IOException {
        Object body;
        try {
            body = work.call();
        } catch (Refused e) {
            error(response, e.status, e.getMessage());
            return;
        } catch (Jobs.QueueFullException e) {
            error(response, 429, e.getMessage());
            return;
        } catch (AssemblyException | UnknownComponentException | IllegalArgumentException e) {
            error(response, 400, e.getMessage());
            return;
        } catch (Exception e) {
            LOG.warn("the API failed to answer", e);
            error(response, 500, "the server failed: " + e);
            return;
        }
        answer(response, status, body);
    }

    /**
     * Reads the body of a request whose route takes none, up to the body limit: a body left unread when the answer
     * goes out makes the server close the connection, and a client that sends its next request on it finds it closed
     * (ServeCancelIT failed so once in three runs).
     */
    private void skipBody(HttpServletRequest request) throws IOException {
        request.getInputStream().readNBytes(access.maxBodyBytes() + 1);
    }

    /** The request's body read as {@code type}: at most the body limit, a JSON object, of the fields expected. */
    private <T> T body(HttpServletRequest request, Class<T> type) throws IOException {
        byte[] bytes = request.getInputStream().readNBytes(access.maxBodyBytes() + 1);
        if (bytes.length > access.maxBodyBytes()) {
            throw new Refused(413, RequestGuard.tooLarge(access.maxBodyBytes()));
        }
        try {
            JsonNode tree = JSON.readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw new Refused(400, "the request body must be a JSON object, such as "
                        + "{\"assembly\": \"baseline\"}; found " + (tree == null || tree.isMissingNode() ? "nothing"
                        : tree.getNodeType().name().toLowerCase(Locale.ROOT)));
            }
            return JSON.treeToValue(tree, type);
        } catch (JsonProcessingException e) {
            throw new Refused(400, "the request body is not the JSON expected: "
                    + Fragment.bounded(e.getOriginalMessage()));
        }
    }

    private Job submitRun(RunRequest run) {
        List<String> set = overrides(run.set());
        if ((run.assembly() == null) == (run.yaml() == null)) {
            throw new IllegalArgumentException("give either \"assembly\" (an installed name) or \"yaml\" (its text)");
        }
        return run.assembly() != null ? workbench.submitRun(run.assembly(), served, set, access.maxPendingJobs())
                : workbench.submitRunOfText(run.yaml(), served, set, access.maxPendingJobs());
    }

    private Job submitCompare(CompareRequest compare) {
        if (compare.assemblies() == null || compare.assemblies().contains(null)) {
            throw new IllegalArgumentException("give \"assemblies\": a list of the names of the assemblies to compare");
        }
        return workbench.submitCompare(compare.assemblies(), compare.seeds() == null ? 3 : compare.seeds(),
                overrides(compare.set()), served, access.maxPendingJobs());
    }

    /** The {@code set} list: absent for none, else strings such as {@code train.epochs=3}. */
    private static List<String> overrides(List<String> set) {
        if (set == null) {
            return List.of();
        }
        for (int i = 0; i < set.size(); i++) {
            if (set.get(i) == null) {
                throw new IllegalArgumentException("set[" + i + "]: expected a string such as \"train.epochs=3\", "
                        + "found null");
            }
        }
        return set;
    }

    /**
     * {@code POST jobs/<id>/cancel}, {@code DELETE jobs/<id>}: the job, cancelled or stopping; 404 when there is none,
     * 409 when it has ended.
     */
    private Object cancel(long id) {
        try {
            return (id > Integer.MAX_VALUE ? Optional.<Job>empty() : workbench.cancel((int) id))
                    .orElseThrow(() -> new Refused(404, "no job " + id)).view();
        } catch (IllegalStateException ended) {
            throw new Refused(409, ended.getMessage());
        }
    }

    private Map<String, Object> job(long id) {
        Optional<Job> job = id > Integer.MAX_VALUE ? Optional.empty() : workbench.job((int) id);
        if (job.isEmpty()) {
            throw new Refused(404, "no job " + id);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        Job.View view = job.get().view();
        body.put("job", view);
        body.put("report", view.folder() == null ? null : workbench.report(Path.of(view.folder())).orElse(null));
        body.put("results", workbench.results(job.get()).orElse(null));
        return body;
    }

    static void error(HttpServletResponse response, int status, String message) throws IOException {
        answer(response, status, Map.of("error", message));
    }

    private static void answer(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
