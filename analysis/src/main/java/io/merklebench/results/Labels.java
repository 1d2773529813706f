package io.merklebench.results;

/** Checks for text that ends up in a CSV cell or a folder name: no delimiter, no line break, no path separator. */
final class Labels {
    private Labels() {
    }

    /**
     * Rejects text that would break a CSV row: a comma, a line break or another control character.
     *
     * @param name the field, used in the message as {@code name=value}
     */
    static String requireCsvSafe(final String name, final String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        for (int index = 0; index < value.length(); index++) {
            final char character = value.charAt(index);
            if (character == ',') {
                throw new IllegalArgumentException(name + " must not contain the CSV delimiter ',': "
                    + name + "=" + value);
            }
            if (Character.isISOControl(character)) {
                throw new IllegalArgumentException(name + " must not contain a line break or control character"
                    + " (found U+" + String.format("%04X", (int) character) + "): " + name + "=" + printable(value));
            }
        }
        return value;
    }

    /** Like {@link #requireCsvSafe} and also usable as one folder name: no '/', no '\', not blank, not '.' or '..'. */
    static String requireFolderSafe(final String name, final String value) {
        requireCsvSafe(name, value);
        if (value.isBlank() || !value.strip().equals(value)) {
            throw new IllegalArgumentException(name + " must be non-empty without leading or trailing spaces: "
                + name + "='" + value + "'");
        }
        if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
            throw new IllegalArgumentException(name + " must not contain a path separator '/' or '\\': "
                + name + "=" + value);
        }
        if (value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException(name + " must not be '.' or '..': " + name + "=" + value);
        }
        return value;
    }

    private static String printable(final String value) {
        return value.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }
}
