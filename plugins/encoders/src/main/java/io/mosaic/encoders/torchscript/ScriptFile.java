package io.mosaic.encoders.torchscript;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.SymbolBlock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** Opens a TorchScript file ({@code torch.jit.save}) as a DJL symbol block on the PyTorch engine. */
final class ScriptFile {
    private static final String ENGINE = "PyTorch";
    private static final int MESSAGE_LIMIT = 200;

    private ScriptFile() {
    }

    /**
     * The module saved in {@code file}, loaded onto {@code owner}'s device and closed with {@code owner}.
     *
     * @param trainable whether its parameters require gradients (DJL's {@code trainParam})
     * @throws IllegalArgumentException when the file is missing, unreadable or not a TorchScript module, naming it
     */
    static SymbolBlock load(Path file, boolean trainable, NDManager owner) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file " + file + " " + (Files.exists(file) ? "is not a regular file"
                    : "does not exist") + "; it should be a TorchScript module saved by torch.jit.save");
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("file " + file + " is not readable");
        }
        Model model = Model.newInstance(file.getFileName().toString(), owner.getDevice(), ENGINE);
        try {
            model.load(file, null, Map.of("trainParam", Boolean.toString(trainable)));
        } catch (IOException | MalformedModelException | EngineException e) {
            model.close();
            throw new IllegalArgumentException("file " + file + " is not a TorchScript module that PyTorch "
                    + "can load (torch.jit.save writes one): " + firstLine(e.getMessage()), e);
        }
        owner.attachInternal("torchscript-" + UUID.randomUUID(), model);
        Block block = model.getBlock();
        if (!(block instanceof SymbolBlock symbols)) {
            throw new IllegalArgumentException("file " + file + " loaded as " + block.getClass().getSimpleName()
                    + ", not a TorchScript module");
        }
        return symbols;
    }

    /** The engine's first line, cut short: what went wrong, without echoing more of the file than a name. */
    static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no reason given";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() <= MESSAGE_LIMIT ? line : line.substring(0, MESSAGE_LIMIT) + "...";
    }
}
