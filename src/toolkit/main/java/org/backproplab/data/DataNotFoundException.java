package org.backproplab.data;

/**
 * A data set could be neither found nor downloaded. The message lists every place that was
 * tried (directories, environment variable, URLs) and how to fix it.
 */
public class DataNotFoundException extends IllegalStateException {
    public DataNotFoundException(String message) { super(message); }
}
