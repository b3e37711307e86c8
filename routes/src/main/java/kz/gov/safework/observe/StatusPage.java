package kz.gov.safework.observe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kz.gov.safework.observe.AgencyStatus.Channel;
import kz.gov.safework.observe.AgencyStatus.ChannelStatus;
import kz.gov.safework.observe.AgencyStatus.State;

/**
 * {@link AgencyStatus} for people (one HTML page in Kazakh, Russian and English, no script, no outside resource) and
 * for programs (JSON). Every text here is the hub's own; nothing from a request is written back.
 */
public final class StatusPage {
    /** The page's languages, in the order shown: Kazakh (state language), Russian, English. */
    public static final List<String> LANGUAGES = List.of("kk", "ru", "en");

    private static final Map<String, Map<Object, String>> TEXT = Map.of(
            "kk", texts("Есеп беру хабының күйі", "Түбіртек кідірісі",
                    "Хабарламалар кезегі (AMQP, STOMP, CORE)", "SFTP жәшігі", "Электрондық пошта",
                    "Құжаттарды қабылдайды", "Қабылдайды, түбіртектер кешігуде", "Қазір құжаттарды қабылдамайды",
                    "Бұл хабта қолданылмайды", "белгісіз", "с",
                    "Арна құжаттарды қабылдап, кідіріс аз болса да түбіртек келмесе, құжат хабқа жетпеген: оны қайта"
                            + " жіберіңіз (қайта жіберілген құжат екі рет есептелмейді)."),
            "ru", texts("Состояние узла отчётности", "Задержка квитанций",
                    "Очереди сообщений (AMQP, STOMP, CORE)", "SFTP-ящик", "Электронная почта",
                    "Принимает документы", "Принимает, квитанции задерживаются", "Сейчас не принимает документы",
                    "Не используется на этом узле", "неизвестно", "с",
                    "Если канал принимает документы и задержка мала, а квитанции нет, документ не дошёл до узла:"
                            + " отправьте его повторно (повторная отправка не засчитывается дважды)."),
            "en", texts("Reporting hub status", "Receipt lag",
                    "Message queues (AMQP, STOMP, CORE)", "SFTP drop box", "E-mail",
                    "Accepting documents", "Accepting, receipts delayed", "Not accepting documents now",
                    "Not offered by this hub", "unknown", "s",
                    "If your channel is accepting and the lag is short but no receipt came, your document did not"
                            + " reach the hub: send it again (a document sent again is never counted twice)."));

    private static final String TITLE = "title";
    private static final String LAG = "lag";
    private static final String UNKNOWN = "unknown";
    private static final String SECONDS = "seconds";
    private static final String HINT = "hint";

    private StatusPage() {
    }

    private static Map<Object, String> texts(String title, String lag, String queue, String sftp, String mail,
                                             String accepting, String slow, String notAccepting, String notOffered,
                                             String unknown, String seconds, String hint) {
        Map<Object, String> texts = new LinkedHashMap<>();
        texts.put(TITLE, title);
        texts.put(LAG, lag);
        texts.put(Channel.QUEUE, queue);
        texts.put(Channel.SFTP, sftp);
        texts.put(Channel.MAIL, mail);
        texts.put(State.ACCEPTING, accepting);
        texts.put(State.SLOW, slow);
        texts.put(State.NOT_ACCEPTING, notAccepting);
        texts.put(State.NOT_OFFERED, notOffered);
        texts.put(UNKNOWN, unknown);
        texts.put(SECONDS, seconds);
        texts.put(HINT, hint);
        return texts;
    }

    static String text(String language, Object key) {
        return TEXT.get(language).get(key);
    }

    /** The JSON answer: per channel its state, whether it accepts, the lag, and the state's text in each language. */
    public static Map<String, Object> json(AgencyStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("at", status.at().toString());
        body.put("slowAfterSeconds", AgencyStatus.SLOW.toSeconds());
        body.put("channels", status.channels().stream().map(channel -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("channel", channel.channel().name().toLowerCase(java.util.Locale.ROOT));
            entry.put("accepting", channel.accepting());
            entry.put("state", channel.state().name());
            entry.put("receiptLagSeconds", channel.receiptLagSeconds());
            Map<String, String> names = new LinkedHashMap<>();
            Map<String, String> states = new LinkedHashMap<>();
            for (String language : LANGUAGES) {
                names.put(language, text(language, channel.channel()));
                states.put(language, text(language, channel.state()));
            }
            entry.put("name", names);
            entry.put("text", states);
            return entry;
        }).toList());
        return body;
    }

    /** The HTML page: a table per language, the same facts in each. */
    public static String html(AgencyStatus status) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"kk\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(text("kk", TITLE)).append(" · ").append(text("ru", TITLE)).append(" · ")
                .append(text("en", TITLE)).append("</title>")
                .append("<style>body{font-family:sans-serif;margin:2em;max-width:48em}table{border-collapse:collapse;")
                .append("margin-bottom:.5em}td,th{border:1px solid #bbb;padding:.3em .6em;text-align:left}")
                .append(".ACCEPTING{color:#1a7f37}.SLOW{color:#9a6700}.NOT_ACCEPTING{color:#cf222e}")
                .append(".NOT_OFFERED{color:#57606a}</style></head><body>\n");
        for (String language : LANGUAGES) {
            html.append("<section lang=\"").append(language).append("\"><h2>").append(text(language, TITLE))
                    .append("</h2><table><tr><th></th><th></th><th>").append(text(language, LAG)).append("</th></tr>");
            for (ChannelStatus channel : status.channels()) {
                html.append("<tr><td>").append(text(language, channel.channel())).append("</td><td class=\"")
                        .append(channel.state().name()).append("\">").append(text(language, channel.state()))
                        .append("</td><td>").append(lag(language, channel)).append("</td></tr>");
            }
            html.append("</table><p>").append(text(language, HINT)).append("</p></section>\n");
        }
        html.append("<p><time datetime=\"").append(status.at()).append("\">").append(status.at())
                .append("</time> · <a href=\"?format=json\">JSON</a></p></body></html>\n");
        return html.toString();
    }

    private static String lag(String language, ChannelStatus channel) {
        if (channel.state() == State.NOT_OFFERED) {
            return "";
        }
        return channel.receiptLagSeconds() == null ? text(language, UNKNOWN)
                : channel.receiptLagSeconds() + " " + text(language, SECONDS);
    }
}
