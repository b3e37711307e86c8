package kz.gov.safework.contract.reading;

import java.nio.charset.StandardCharsets;

/** Small progress reports built in tests, for the cases no committed example covers. */
final class Documents {
    static final String NS = "urn:kz:gov:safework:progress-report:v1";
    static final String REPORT_ID = "1d2e3f40-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

    /** An XML report of AKIMAT-ASTANA for 2022 whose items are the given XML; no XML declaration. */
    static String xml(String items) {
        return "<progressReport xmlns=\"" + NS + "\">\n"
                + "  <reportId>" + REPORT_ID + "</reportId>\n"
                + "  <agency>AKIMAT-ASTANA</agency>\n"
                + "  <plan>safe-labor-2021-2025</plan>\n"
                + "  <year>2022</year>\n"
                + "  <contact><name>Касымова Айгерим Болатовна</name><email>trud@akimat-astana.example</email></contact>\n"
                + "  <items>\n" + items + "  </items>\n"
                + "</progressReport>\n";
    }

    static String xmlItem(String number, String status, String narrative) {
        return "    <item><number>" + number + "</number><status>" + status + "</status>"
                + "<narrativeRu>" + narrative + "</narrativeRu></item>\n";
    }

    /** A valid one-item XML report. */
    static String validXml() {
        return xml(xmlItem("14", "IN_PROGRESS", "Повышение квалификации прошли 18 государственных инспекторов труда."));
    }

    /** A JSON report of AKIMAT-ASTANA for 2022 whose {@code items} array holds the given JSON. */
    static String json(String items) {
        return "{\"schema\":\"" + NS + "\",\"reportId\":\"" + REPORT_ID + "\",\"agency\":\"AKIMAT-ASTANA\","
                + "\"plan\":\"safe-labor-2021-2025\",\"year\":2022,"
                + "\"contact\":{\"name\":\"Касымова Айгерим Болатовна\",\"email\":\"trud@akimat-astana.example\"},"
                + "\"items\":[" + items + "]}";
    }

    static String jsonItem(String number, String status, String narrative) {
        return "{\"item\":\"" + number + "\",\"status\":\"" + status + "\",\"narrativeRu\":\"" + narrative + "\"}";
    }

    static String validJson() {
        return json(jsonItem("14", "IN_PROGRESS", "Повышение квалификации прошли 18 государственных инспекторов труда."));
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private Documents() {
    }
}
