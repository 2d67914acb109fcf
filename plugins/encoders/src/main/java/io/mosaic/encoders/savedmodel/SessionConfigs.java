package io.mosaic.encoders.savedmodel;

import ai.djl.Device;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * Where TensorFlow runs a model: on the device the model's parameters live on, which the runtime chose from
 * {@code backend.device}. On the CPU TensorFlow is shown no GPU at all; on GPU n it sees that GPU only, takes its
 * memory as it needs it (PyTorch shares the card) and may place an op without a GPU kernel on the CPU.
 */
final class SessionConfigs {

    private SessionConfigs() {
    }

    static ConfigProto forDevice(Device device) {
        if (!device.isGpu()) {
            return ConfigProto.newBuilder().putDeviceCount("GPU", 0).build();
        }
        return ConfigProto.newBuilder().setAllowSoftPlacement(true)
                .setGpuOptions(GPUOptions.newBuilder().setVisibleDeviceList(Integer.toString(device.getDeviceId()))
                        .setAllowGrowth(true))
                .build();
    }
}
