package io.securitycoach.notify;

import io.securitycoach.records.DeliveryStatus;
import io.securitycoach.records.Notification;
import io.securitycoach.rules.Detection;
import io.securitycoach.rules.MessageTemplate;
import io.securitycoach.util.Tags;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns a detection into one notification per channel, with its text rendered. Detections that must
 * not coach anyone (staged rule, user not in the directory, channel not configured) end here with a
 * {@code skipped} status, so every detection has an outcome in the audit trail.
 */
public class NotificationPlanner extends ProcessFunction<Detection, Notification> {
    private final NotifierSettings settings;

    public NotificationPlanner(NotifierSettings settings) {
        this.settings = settings;
    }

    @Override
    public void processElement(Detection d, Context ctx, Collector<Notification> out) {
        for (String channel : d.channels) {
            String id = notificationId(d.detectionId, channel);
            String skip = !"live".equals(d.mode) ? "staged_rule"
                    : d.userId == null ? "user_not_in_directory"
                    : d.userEmail == null ? "user_has_no_email"
                    : !settings.endpoints.containsKey(channel) ? "channel_not_configured"
                    : null;
            if (skip != null) {
                ctx.output(Tags.SKIPPED_DELIVERIES, skipped(d, channel, id, skip, ctx.timerService().currentProcessingTime()));
            } else {
                out.collect(notification(d, channel, id));
            }
        }
    }

    public static String notificationId(String detectionId, String channel) {
        return detectionId + ":" + channel;
    }

    private Notification notification(Detection d, String channel, String id) {
        Notification n = new Notification();
        n.notificationId = id;
        n.detectionId = d.detectionId;
        n.orgId = d.orgId;
        n.ruleId = d.ruleId;
        n.userId = d.userId;
        n.email = d.userEmail;
        n.channel = channel;
        n.severity = d.severity;
        n.module = d.coachModule;
        n.moduleUrl = settings.moduleBaseUrl + d.coachModule;
        n.summary = d.summary;
        n.eventUids = d.eventUids;
        n.detectTime = d.detectTime;
        Map<String, String> values = new HashMap<>();
        values.put("first_name", d.firstName == null ? "there" : d.firstName);
        values.put("summary", d.summary);
        values.put("rule", d.ruleId);
        values.put("module", d.coachModule);
        values.put("module_url", n.moduleUrl);
        values.put("severity", d.severity);
        n.text = MessageTemplate.render(d.messageTemplate == null ? "{summary}" : d.messageTemplate, values);
        return n;
    }

    private static DeliveryStatus skipped(Detection d, String channel, String id, String reason, long now) {
        DeliveryStatus s = new DeliveryStatus();
        s.notificationId = id;
        s.detectionId = d.detectionId;
        s.orgId = d.orgId;
        s.ruleId = d.ruleId;
        s.userId = d.userId;
        s.channel = channel;
        s.status = DeliveryStatus.SKIPPED;
        s.reason = reason;
        s.time = now;
        return s;
    }
}
