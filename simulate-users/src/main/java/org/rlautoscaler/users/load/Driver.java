package org.rlautoscaler.users.load;

/** Turns a number of active users into requests: the closed or the open model. */
public interface Driver extends AutoCloseable {
    /** Makes {@code count} users active from now on. */
    void setUsers(int count);

    /** Users active now. */
    int users();

    /** Stops every user and starts them afresh (the original's restart every INTERVAL). */
    void restart() throws InterruptedException;

    @Override
    void close() throws InterruptedException;
}
