package io.freshguard.audit.service.runtime;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a scheduled job (a void method) whose work reaches the store: it runs only between the end of start-up and the
 * beginning of shutdown, and shutdown waits for a run under way. In place of the scheduler's own
 * {@code skipExecutionIf = ApplicationNotRunning}, which drops a run due while start-up is still going, so that the
 * first canary or probe cycle after a slow start came one whole interval late; and Quarkus' scheduler does not wait
 * for a run under way at shutdown, which then failed half-way when the store closed. See {@link StoreJobs}.
 */
@InterceptorBinding
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface StoreJob {
}
