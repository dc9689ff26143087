package io.freshguard.audit.service.runtime;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Outside the transaction, which it must outlive: a run counts from before it begins until after it commits. */
@StoreJob
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class StoreJobInterceptor {

    @Inject
    StoreJobs jobs;

    @AroundInvoke
    Object runBetweenStartAndStop(InvocationContext invocation) throws Exception {
        if (!jobs.enter(StoreJobs.START_WAIT)) {
            return null;
        }
        try {
            return invocation.proceed();
        } finally {
            jobs.exit();
        }
    }
}
