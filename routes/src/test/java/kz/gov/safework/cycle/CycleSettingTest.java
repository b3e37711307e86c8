package kz.gov.safework.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class CycleSettingTest {
    private static CamelContext configured(String key, String value) {
        CamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty(key, value);
        context.getPropertiesComponent().setInitialProperties(properties);
        return context;
    }

    @Test
    void aConfiguredValueIsReadTrimmed() {
        CamelContext context = configured("hub.cycle.zone", "  Asia/Aqtobe ");

        assertThat(CycleSetting.ZONE.value(context)).isEqualTo("Asia/Aqtobe");
    }

    @Test
    void aBlankValueMeansTheDefault() {
        CamelContext context = configured("hub.cycle.reminder-offsets", "   ");

        assertThat(CycleSetting.REMINDER_OFFSETS.value(context)).isEqualTo("-20d,-5d,+1d");
    }

    @Test
    void anUnsetKeyMeansTheDefaultAndMailHasNone() {
        CamelContext context = configured("hub.cycle.zone", "Asia/Almaty");

        assertThat(CycleSetting.OUTBOX_URI.value(context)).isEqualTo("jms:queue:government.outbox");
        assertThat(CycleSetting.MAIL_URI.value(context)).isEmpty();
    }

    @Test
    void everyKeyIsAHubCycleKeyAndNamedOnce() {
        assertThat(java.util.Arrays.stream(CycleSetting.values()).map(CycleSetting::key))
                .allMatch(key -> key.startsWith("hub.cycle."))
                .doesNotHaveDuplicates();
    }
}
