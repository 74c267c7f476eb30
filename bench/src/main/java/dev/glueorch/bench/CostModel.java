package dev.glueorch.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * USD per million job state events from the counted requests, at list prices (us-east-1, on-demand): Lambda arm64
 * at 512 MB billed for the measured handler time, DynamoDB on-demand write and read request units (items up to
 * 1 KB: one unit per write, two per item written in a transaction), EventBridge custom events for the
 * orchestrator's own events (Glue's events to the default bus are free). Next to it, what the same million job
 * completions cost in Step Functions standard (one state transition per job) and the smallest MWAA environment,
 * which is billed by the hour whatever runs.
 */
final class CostModel {

    static final double LAMBDA_PER_MILLION_REQUESTS = 0.20;
    static final double LAMBDA_ARM_PER_GB_SECOND = 0.0000133334;
    static final double DYNAMODB_PER_MILLION_WRITE_UNITS = 0.625;
    static final double DYNAMODB_PER_MILLION_READ_UNITS = 0.125;
    static final double EVENTBRIDGE_PER_MILLION_EVENTS = 1.00;
    static final double STEP_FUNCTIONS_PER_MILLION_TRANSITIONS = 25.00;
    static final double MWAA_SMALL_PER_HOUR = 0.49;

    /** The cost of one million events, each like one measured event of a kind. */
    Map<String, Object> perMillion(double handlerMs, double writeUnits, double readUnits, double eventEntries) {
        double lambda = LAMBDA_PER_MILLION_REQUESTS + Math.ceil(handlerMs) / 1000.0 * 0.5 * LAMBDA_ARM_PER_GB_SECOND
                * 1e6;
        double dynamoDb = writeUnits * DYNAMODB_PER_MILLION_WRITE_UNITS + readUnits * DYNAMODB_PER_MILLION_READ_UNITS;
        double eventBridge = eventEntries * EVENTBRIDGE_PER_MILLION_EVENTS;
        Map<String, Object> usd = new LinkedHashMap<>();
        usd.put("lambda", round(lambda));
        usd.put("dynamoDb", round(dynamoDb));
        usd.put("eventBridge", round(eventBridge));
        usd.put("total", round(lambda + dynamoDb + eventBridge));
        return usd;
    }

    Map<String, Object> alternatives() {
        Map<String, Object> usd = new LinkedHashMap<>();
        usd.put("stepFunctionsStandardPerMillionJobs", STEP_FUNCTIONS_PER_MILLION_TRANSITIONS);
        usd.put("mwaaSmallPerMonth", round(MWAA_SMALL_PER_HOUR * 24 * 30));
        return usd;
    }

    private static double round(double usd) {
        return Math.round(usd * 100) / 100.0;
    }
}
