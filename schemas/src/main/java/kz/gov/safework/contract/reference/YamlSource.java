package kz.gov.safework.contract.reference;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * One reference data file read as a YAML tree, with the line of every node for error messages.
 * Jackson's YAML parser only builds plain trees: tags never pick Java types, and no default typing is
 * enabled, so a file cannot make the hub instantiate anything. Sizes, depth and aliases are bounded.
 */
final class YamlSource {
    static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    private static final int MAX_DEPTH = 32;

    private static final Pattern POSITION = Pattern.compile("\\s*in '[^']*', line (\\d+), column (\\d+):?\\s*");
    private static final YAMLFactory FACTORY = yamlFactory();
    private static final ObjectMapper TREE_READER = YAMLMapper.builder(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    /** Maps an already schema-checked tree onto the records (absent optional booleans are false). */
    static final ObjectMapper BINDER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .build();

    final String file;
    final JsonNode tree;
    private final String text;
    private Map<String, Integer> lines;

    private YamlSource(String file, String text, JsonNode tree) {
        this.file = file;
        this.text = text;
        this.tree = tree;
    }

    static YamlSource read(Path path) {
        String file = path.toString();
        String text = readUtf8(path, file);
        JsonNode tree;
        try {
            tree = TREE_READER.readTree(text);
        } catch (StreamReadException e) {
            throw syntaxError(file, e);
        } catch (JsonProcessingException e) {
            throw new ReferenceDataException(file, "", "cannot read YAML: " + e.getOriginalMessage());
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new ReferenceDataException(file, "", "the file is empty");
        }
        return new YamlSource(file, text, tree);
    }

    /** A failure at a JSON Pointer inside this file, with its line when it can be found. */
    ReferenceDataException error(String pointer, String reason) {
        return new ReferenceDataException(file, pointer, reason + lineSuffix(pointer));
    }

    /** " (line N)" for the node at the pointer, or "" when unknown. */
    String lineSuffix(String pointer) {
        Integer line = lineOf(pointer);
        return line == null ? "" : " (line " + line + ")";
    }

    Integer lineOf(String pointer) {
        if (lines == null) {
            lines = indexLines(text);
        }
        String p = pointer;
        // A pointer to a member that is absent (e.g. a required one) falls back to its parent.
        while (true) {
            Integer line = lines.get(p);
            if (line != null || p.isEmpty()) {
                return line;
            }
            p = p.substring(0, p.lastIndexOf('/'));
        }
    }

    private static String readUtf8(Path path, String file) {
        try {
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new ReferenceDataException(file, "", "file is " + size + " bytes, more than the limit of "
                        + MAX_FILE_BYTES);
            }
            byte[] bytes = Files.readAllBytes(path);
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new ReferenceDataException(file, "", "file not found");
        } catch (CharacterCodingException e) {
            throw new ReferenceDataException(file, "", "not valid UTF-8");
        } catch (IOException e) {
            throw new ReferenceDataException(file, "", "cannot read: " + e);
        }
    }

    private static ReferenceDataException syntaxError(String file, StreamReadException e) {
        String pointer = "";
        JsonParser parser = e.getProcessor();
        if (parser != null && parser.getParsingContext() != null) {
            pointer = parser.getParsingContext().pathAsPointer().toString();
        }
        String reason = describeSyntaxError(e.getOriginalMessage());
        if (!reason.contains("(line ")) {
            JsonLocation at = e.getLocation();
            if (at != null && at.getLineNr() > 0) {
                reason += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            }
        }
        return new ReferenceDataException(file, pointer, "invalid YAML: " + reason);
    }

    /**
     * SnakeYAML's messages span several lines ("while parsing…", " in 'reader', line 2, column 6:", the
     * source line, a caret, "expected…"); this keeps the sentences with their positions on one line.
     */
    static String describeSyntaxError(String message) {
        if (message == null || message.isBlank()) {
            return "syntax error";
        }
        List<String> parts = new ArrayList<>();
        for (String line : message.split("\\R")) {
            Matcher position = POSITION.matcher(line);
            if (position.matches() && !parts.isEmpty()) {
                int last = parts.size() - 1;
                parts.set(last, parts.get(last) + " (line " + position.group(1) + ", column " + position.group(2) + ")");
            } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                parts.add(line.strip());
            }
        }
        return parts.isEmpty() ? "syntax error" : String.join("; ", parts);
    }

    /** JSON Pointer of every node -> its 1-based line, by walking the token stream once. */
    private static Map<String, Integer> indexLines(String text) {
        Map<String, Integer> result = new HashMap<>();
        Deque<Frame> frames = new ArrayDeque<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME) {
                    frames.peek().name = parser.currentName();
                    result.putIfAbsent(pointer(frames), parser.currentTokenLocation().getLineNr());
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    frames.pop();
                    continue;
                }
                Frame parent = frames.peek();
                if (parent != null && parent.array) {
                    parent.index++;
                }
                result.putIfAbsent(pointer(frames), parser.currentTokenLocation().getLineNr());
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    frames.push(new Frame(token == JsonToken.START_ARRAY));
                }
            }
        } catch (IOException e) {
            // The tree was read already; a line index is only a help for messages.
        }
        return result;
    }

    private static String pointer(Deque<Frame> frames) {
        StringBuilder sb = new StringBuilder();
        var it = frames.descendingIterator();
        while (it.hasNext()) {
            Frame f = it.next();
            sb.append('/');
            sb.append(f.array ? Integer.toString(f.index)
                    : f.name == null ? "" : f.name.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    private static final class Frame {
        final boolean array;
        int index = -1;
        String name;

        Frame(boolean array) {
            this.array = array;
        }
    }

    private static YAMLFactory yamlFactory() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_FILE_BYTES);
        YAMLFactory factory = YAMLFactory.builder()
                .loaderOptions(options)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(64 * 1024)
                        .maxDocumentLength(MAX_FILE_BYTES)
                        .build())
                .build();
        return factory;
    }
}
