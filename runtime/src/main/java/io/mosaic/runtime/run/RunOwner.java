package io.mosaic.runtime.run;

import java.time.Instant;
import java.util.Optional;

/**
 * The process that runs a run: its id and start time, so that a process that reused the id after the owner died is
 * not taken for the owner.
 *
 * @param pid     the process id
 * @param started when the process started (ISO-8601 instant), or {@code null} where the system does not say
 */
public record RunOwner(long pid, String started) {

    /** This process. */
    public static RunOwner current() {
        return of(ProcessHandle.current());
    }

    static RunOwner of(ProcessHandle process) {
        return new RunOwner(process.pid(), process.info().startInstant().map(Instant::toString).orElse(null));
    }

    /** Whether the process is still alive: the id names a live process that started when the owner did. */
    public boolean alive() {
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        return process.isPresent() && (started == null || process.get().info().startInstant()
                .map(instant -> instant.toString().equals(started)).orElse(true));
    }
}
