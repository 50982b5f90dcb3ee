package org.rlautoscaler.users.profile;

/** The names users give the profiles ({@code --profile}). */
public enum ProfileKind {
    constant, step, ramp, sine, trace
}
