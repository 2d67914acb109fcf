package io.mosaic.runtime.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.mosaic.runtime.assembly.AssemblyException;
import io.mosaic.runtime.registry.UnknownComponentException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API, under {@value #PATTERN}, in JSON:
 * <ul>
 *   <li>{@code GET components}, {@code GET assemblies}, {@code GET status}: what {@link Workbench} reports;</li>
 *   <li>{@code POST runs} with {@code {"assembly": name-or-file}} or {@code {"yaml": text}}, and optional
 *       {@code "set": ["key.path=value", ...]}: queues a run and answers 202 with its job;</li>
 *   <li>{@code POST compares} with {@code {"assemblies": [...], "seeds": n, "set": [...]}}: queues a comparison;</li>
 *   <li>{@code GET jobs}: every job; {@code GET jobs/<id>}: one job with its progress, and its results once
 *       completed ({@code metrics.json} of a run, {@code comparison.json} of a comparison);</li>
 *   <li>{@code POST jobs/<id>/cancel}: cancels a job (see {@link Jobs}).</li>
 * </ul>
 * A request the runtime cannot take is answered 400 (or 404) with {@code {"error": message}}.
 */
final class ApiServlet extends HttpServlet {
    static final String PATTERN = "/api/*";
    private static final long serialVersionUID = 1L;
    private static final Pattern JOB = Pattern.compile("/jobs/(\\d+)");
    private static final Pattern CANCEL = Pattern.compile("/jobs/(\\d{1,9})/cancel");
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final transient Workbench workbench;

    ApiServlet(Workbench workbench) {
        this.workbench = workbench;
    }

    /** The body of {@code POST runs}: an assembly by name or file, or as YAML text. */
    record RunRequest(String assembly, String yaml, List<String> set) {
    }

    /** The body of {@code POST compares}. */
    record CompareRequest(List<String> assemblies, Integer seeds, List<String> set) {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        Matcher job = JOB.matcher(path);
        switch (path) {
            case "/components" -> answer(response, 200, workbench.components());
            case "/assemblies" -> answer(response, 200, workbench.assemblies());
            case "/status" -> answer(response, 200, workbench.status());
            case "/jobs" -> answer(response, 200, workbench.jobs().stream().map(Job::view).toList());
            default -> {
                if (job.matches()) {
                    answerJob(response, Integer.parseInt(job.group(1)));
                } else {
                    error(response, 404, "no such resource: GET /api" + path);
                }
            }
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        Matcher cancel = CANCEL.matcher(path);
        if (cancel.matches()) {
            cancelJob(response, Integer.parseInt(cancel.group(1)));
            return;
        }
        try {
            switch (path) {
                case "/runs" -> answer(response, 202, submitRun(JSON.readValue(request.getInputStream(),
                        RunRequest.class)).view());
                case "/compares" -> answer(response, 202, submitCompare(JSON.readValue(request.getInputStream(),
                        CompareRequest.class)).view());
                default -> error(response, 404, "no such resource: POST /api" + path);
            }
        } catch (JsonProcessingException e) {
            error(response, 400, "the request body is not the JSON expected: " + e.getOriginalMessage());
        } catch (AssemblyException | UnknownComponentException | IllegalArgumentException e) {
            error(response, 400, e.getMessage());
        }
    }

    private Job submitRun(RunRequest run) {
        List<String> set = run.set() == null ? List.of() : run.set();
        if ((run.assembly() == null) == (run.yaml() == null)) {
            throw new IllegalArgumentException("give either \"assembly\" (a name or file) or \"yaml\" (its text)");
        }
        return run.assembly() != null ? workbench.submitRun(run.assembly(), set)
                : workbench.submitRunOfText(run.yaml(), set);
    }

    private Job submitCompare(CompareRequest compare) {
        if (compare.assemblies() == null) {
            throw new IllegalArgumentException("give \"assemblies\": the names or files to compare");
        }
        return workbench.submitCompare(compare.assemblies(), compare.seeds() == null ? 3 : compare.seeds(),
                compare.set() == null ? List.of() : compare.set());
    }

    /** {@code POST jobs/<id>/cancel}: 202 with the job (cancelled, or stopping), 404 or 409 when it has ended. */
    private void cancelJob(HttpServletResponse response, int id) throws IOException {
        try {
            Optional<Job> job = workbench.cancel(id);
            if (job.isPresent()) {
                answer(response, 202, job.get().view());
            } else {
                error(response, 404, "no job " + id);
            }
        } catch (IllegalStateException ended) {
            error(response, 409, ended.getMessage());
        }
    }

    private void answerJob(HttpServletResponse response, int id) throws IOException {
        Optional<Job> job = workbench.job(id);
        if (job.isEmpty()) {
            error(response, 404, "no job " + id);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job", job.get().view());
        body.put("results", workbench.results(job.get()).orElse(null));
        answer(response, 200, body);
    }

    private static void error(HttpServletResponse response, int status, String message) throws IOException {
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
