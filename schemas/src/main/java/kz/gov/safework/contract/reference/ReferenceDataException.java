package kz.gov.safework.contract.reference;

/** A reference data file is broken: names the file, the path inside it and the reason. */
public class ReferenceDataException extends RuntimeException {
    private final String file;
    private final String path;

    public ReferenceDataException(String file, String path, String reason) {
        super(file + (path == null || path.isEmpty() ? "" : " at " + path) + ": " + reason);
        this.file = file;
        this.path = path;
    }

    public String file() {
        return file;
    }

    public String path() {
        return path;
    }
}
