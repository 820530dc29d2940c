import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

public class GemmKernels {
    static INDArray r(long... s) { return Nd4j.rand(DataType.FLOAT, s); }
    public static void main(String[] a) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int threads = Integer.parseInt(a.length > 0 ? a[0] : "2");
        Nd4j.getEnvironment().setMaxThreads(1); Nd4j.getEnvironment().setMaxMasterThreads(1);
        Nd4j.factory().blas().setMaxThreads(threads);
        int[][] shapes = {{64,784,256,0,1},{256,64,784,1,0},{64,256,10,0,1},{10,64,256,1,0},{64,10,256,0,0},{1024,1024,1024,0,0},{64,800,500,0,1},{500,64,800,1,0},{64,500,800,0,0}};
        for (int[] s : shapes) {
            int n=s[0], k=s[1], m=s[2]; boolean ta=s[3]==1, tb=s[4]==1;
            INDArray A = ta ? r(k,n) : r(n,k), B = tb ? r(m,k) : r(k,m), C = Nd4j.createUninitialized(DataType.FLOAT, new long[]{n,m}, 'c');
            int reps = (int)Math.max(20, 2e9/(2.0*n*k*m));
            double best1=1e9, best2=1e9;
            for (int round=0; round<5; round++) {
                long t0=System.nanoTime();
                for (int i=0;i<reps;i++) openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor, ta?112:111, tb?112:111, n, m, k, 1f,
                        (FloatPointer)A.data().addressPointer(), (int)A.size(1), (FloatPointer)B.data().addressPointer(), (int)B.size(1), 0f, (FloatPointer)C.data().addressPointer(), m);
                long t1=System.nanoTime();
                for (int i=0;i<reps;i++) Nd4j.exec(DynamicCustomOp.builder("matmul").addInputs(A,B).addOutputs(C).addIntegerArguments(ta?1:0, tb?1:0).build());
                long t2=System.nanoTime();
                best1=Math.min(best1,(t1-t0)/1e3/reps); best2=Math.min(best2,(t2-t1)/1e3/reps);
            }
            double fl = 2.0*n*k*m;
            System.out.printf("%dx%dx%d ta=%b tb=%b  cblas %.1f us %.1f GF/s   nd4j matmul %.1f us %.1f GF/s%n", n,k,m,ta,tb,best1,fl/best1/1e3,best2,fl/best2/1e3);
        }
    }
}
