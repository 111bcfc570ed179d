package gfs.hadoop.contract;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.contract.AbstractContractVectoredReadTest;
import org.apache.hadoop.fs.contract.AbstractFSContract;

/** Hadoop's AbstractContractVectoredReadTest against a real gfs cluster. */
public class GfsVectoredReadContractIT extends AbstractContractVectoredReadTest {
  public GfsVectoredReadContractIT(String bufferType) {
    super(bufferType);
  }

  @Override
  protected AbstractFSContract createContract(Configuration conf) {
    return new GfsContract(conf);
  }
}
