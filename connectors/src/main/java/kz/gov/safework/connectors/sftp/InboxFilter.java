package kz.gov.safework.connectors.sftp;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;

/**
 * Lets the recursive scan of the drop box root see only {@code <login>/inbox/<file>}: regular files
 * (never links), at exactly that depth, without temporary upload names.
 */
public final class InboxFilter implements GenericFileFilter<File> {
    private final DropBox dropBox;

    public InboxFilter(DropBox dropBox) {
        this.dropBox = dropBox;
    }

    @Override
    public boolean accept(GenericFile<File> file) {
        Path path = file.getFile().toPath().toAbsolutePath().normalize();
        Path relative = dropBox.root().relativize(path);
        int depth = relative.getNameCount();
        if (Files.isSymbolicLink(path)) {
            return false;
        }
        if (file.isDirectory()) {
            return (depth == 1 && DropBox.isValidLogin(relative.getName(0).toString()))
                    || (depth == 2 && relative.getName(1).toString().equals(DropBox.INBOX));
        }
        return depth == 3 && relative.getName(1).toString().equals(DropBox.INBOX)
                && DropBox.isValidLogin(relative.getName(0).toString())
                && !DocumentPolicy.isTemporaryName(relative.getName(2).toString())
                && Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }
}
