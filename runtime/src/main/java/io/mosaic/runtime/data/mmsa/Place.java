package io.mosaic.runtime.data.mmsa;

/**
 * Where a value sits in a feature file, for error messages: {@code unaligned_50.pkl, split 'valid', key 'audio'}.
 *
 * @param file  the file as the user named it
 * @param split the file's split
 */
record Place(String file, String split) {

    IllegalArgumentException error(String key, String message) {
        return new IllegalArgumentException(file + ", split '" + split + "', key '" + key + "': " + message);
    }

    IllegalArgumentException error(String message) {
        return new IllegalArgumentException(file + ", split '" + split + "': " + message);
    }
}
