package dev.glueorch.model;

/** How a predicate combines its conditions: every one ({@code AND}) or the first one ({@code ANY}). */
public enum Logical {
    AND, ANY
}
