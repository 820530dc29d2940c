package org.backproplab.bench.suite;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Arrays;

/**
 * The peer of benchmark 3: the same LeNet-style CNN built from DeepLearning4J's own layers (on the same ND4J),
 * conv 5×5×20 ReLU → max pool 2 → conv 5×5×50 ReLU → max pool 2 → dense 500 ReLU → softmax 10, Adam 1e-3,
 * weights drawn as ours are (uniform in ±1/√fan-in), so the accuracies after the epoch can be compared.
 * Compiled only by ./environment/bench (DeepLearning4J is in the pom's {@code bench} profile, not the default build).
 */
public final class Dl4jLeNet implements CnnTrainer {
    private MultiLayerNetwork net;

    @Override public String name() { return "DeepLearning4J"; }

    @Override public void reset(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(new Adam(1e-3))
                .weightInit(WeightInit.UNIFORM)                  // U[−1/√fan-in, 1/√fan-in], the lecture default ours uses
                .list()
                .layer(new ConvolutionLayer.Builder(5, 5).nIn(1).nOut(20).stride(1, 1).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(50).stride(1, 1).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.NEGATIVELOGLIKELIHOOD).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1))
                .build();
        net = new MultiLayerNetwork(conf);
        net.init();
    }

    @Override public double trainBatch(float[] images, int[] labels, int start, int n) {
        INDArray x = Nd4j.create(Arrays.copyOfRange(images, start * 784, (start + n) * 784), new long[]{n, 784});
        float[] oneHot = new float[n * 10];
        for (int i = 0; i < n; i++) oneHot[i * 10 + labels[start + i]] = 1;
        INDArray y = Nd4j.create(oneHot, new long[]{n, 10});
        net.fit(new DataSet(x, y));
        return net.score();
    }

    @Override public double accuracy(float[] images, int[] labels, int n) {
        int right = 0;
        for (int start = 0; start < n; start += 500) {
            int m = Math.min(500, n - start);
            INDArray x = Nd4j.create(Arrays.copyOfRange(images, start * 784, (start + m) * 784), new long[]{m, 784});
            INDArray pred = net.output(x, false).argMax(1);
            for (int i = 0; i < m; i++) if (pred.getInt(i) == labels[start + i]) right++;
        }
        return (double) right / n;
    }
}
