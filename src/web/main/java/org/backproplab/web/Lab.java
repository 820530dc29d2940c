package org.backproplab.web;

import org.teavm.jso.JSExport;

/**
 * The engine's API as the page sees it: TeaVM exports these static methods to JavaScript (the {@code file://} build)
 * and WebAssembly (the served build). Each delegates to {@link Page}; all take and return strings and numbers.
 */
public final class Lab {
    private static final Page PAGE = new Page();

    private Lab() {}

    @JSExport
    public static String examples() {
        return PAGE.examples();
    }

    @JSExport
    public static void clearInputs() {
        PAGE.clearInputs();
    }

    @JSExport
    public static void addInput(double v) {
        PAGE.addInput(v);
    }

    @JSExport
    public static String runExample(String panel, String id) {
        return PAGE.runExample(panel, id);
    }

    @JSExport
    public static String parse(String formula) {
        return PAGE.parse(formula);
    }

    @JSExport
    public static String runFormula(String panel, String formula) {
        return PAGE.runFormula(panel, formula);
    }

    @JSExport
    public static String check(String kind, String what) {
        return PAGE.check(kind, what);
    }

    @JSExport
    public static String stepper(String panel, String svg) {
        return PAGE.stepper(panel, svg);
    }

    @JSExport
    public static String moonsNew(int steps) {
        return PAGE.moonsNew(steps);
    }

    @JSExport
    public static String moonsSteps(int n) {
        return PAGE.moonsSteps(n);
    }

    @JSExport
    public static String moonsScores(int n) {
        return PAGE.moonsScores(n);
    }

    @JSExport
    public static String opGrid() {
        return PAGE.opGrid();
    }

    public static void main(String[] args) {
        // the page calls the exported methods; nothing runs at load
    }
}
