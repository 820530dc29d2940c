package org.backproplab.nn;

import org.backproplab.tensor.Shapes;
import org.backproplab.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The summary table of a model: for each layer its output shape, number of parameters and
 * multiply-adds for one example. A convolution with O filters of C×K×K on an H'×W' output does
 * O·H'·W'·C·K·K multiply-adds and has O·(C·K·K + 1) parameters (lecture E3: 760 and 768,000).
 */
public final class ModelSummary {
    /** One row of the table. */
    public record Row(String layer, int[] outputShape, long parameters, long multiplyAdds) {}

    private final List<Row> rows;
    private final int[] inputShape;

    private ModelSummary(List<Row> rows, int[] inputShape) {
        this.rows = rows;
        this.inputShape = inputShape;
    }

    public List<Row> rows() { return rows; }

    public long totalParameters() { return rows.stream().mapToLong(Row::parameters).sum(); }

    public long totalMultiplyAdds() { return rows.stream().mapToLong(Row::multiplyAdds).sum(); }

    /** Runs one zero example through the model (evaluation mode, no graph) and records each layer. */
    public static ModelSummary of(Module model, int... inputShape) {
        List<Module> layers = model instanceof Sequential ? model.children() : List.of(model);
        List<Row> rows = new ArrayList<>();
        int[] shape = inputShape.clone();
        for (Module layer : layers) {
            int[] out = layer.outputShape(shape);
            rows.add(new Row(layer.describe(), out, layer.numParameters(), layer.multiplyAdds(shape, out)));
            shape = out;
        }
        return new ModelSummary(rows, inputShape.clone());
    }

    @Override public String toString() {
        int w = Math.max(28, rows.stream().mapToInt(r -> r.layer().length()).max().orElse(0) + 2);
        String fmt = "%-" + w + "s %-16s %12s %16s%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(fmt, "Layer", "Output shape", "Parameters", "Multiply-adds"));
        sb.append("-".repeat(w + 47)).append('\n');
        sb.append(String.format(fmt, "Input", Shapes.format(inputShape), "", ""));
        for (Row r : rows) {
            sb.append(String.format(fmt, r.layer(), Shapes.format(r.outputShape()),
                    String.format("%,d", r.parameters()), String.format("%,d", r.multiplyAdds())));
        }
        sb.append("-".repeat(w + 47)).append('\n');
        sb.append(String.format("Total parameters: %,d%nMultiply-adds per example: %,d%n", totalParameters(), totalMultiplyAdds()));
        return sb.toString();
    }
}
