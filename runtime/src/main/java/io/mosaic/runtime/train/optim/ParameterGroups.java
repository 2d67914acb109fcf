package io.mosaic.runtime.train.optim;

import ai.djl.nn.Parameter;
import ai.djl.util.PairList;
import io.mosaic.runtime.assembly.NoDecay;
import io.mosaic.runtime.assembly.OptimizerGroup;
import io.mosaic.runtime.assembly.TrainSettings;
import io.mosaic.runtime.model.BuiltModel;
import io.mosaic.runtime.model.ComponentGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a model's trainable parameters into the optimizer's groups ({@code train.optimizer.groups}), as MMSA's
 * Self-MM builds its Adam groups (reference/mmsa.md §3.3): a parameter joins the group that names its part
 * ({@link BuiltModel#partOf}), else the default group, which has the optimizer's own hyperparameters. A group's
 * parameters that its {@code no-decay} names form a group of their own, with the group's learning rate and no
 * weight decay. Every parameter is in exactly one group.
 */
public final class ParameterGroups {
    /** The name of the group of every parameter that no group names. */
    public static final String DEFAULT = "default";

    private ParameterGroups() {
    }

    /** The groups an assembly's {@code train.optimizer} block makes of {@code trainable}, as below. */
    public static List<ParameterGroup> of(TrainSettings train, Map<String, Parameter> trainable) {
        return of(train.groups(), AdamConfig.of(train.optimizer()), List.of(), trainable);
    }

    /**
     * The groups of {@code model}'s trainable parameters: first the groups its components ask for
     * ({@link BuiltModel#ownGroups}), each followed by its no-decay group, then those of the assembly's
     * {@code train.optimizer} block over the other parameters, as below.
     */
    public static List<ParameterGroup> of(TrainSettings train, BuiltModel model) {
        return of(train.groups(), AdamConfig.of(train.optimizer()), model.ownGroups(), model.trainable());
    }

    /**
     * The groups of {@code trainable}, in the order of {@code groups} (each followed by its no-decay group when it
     * has one), then the default group.
     *
     * @param optimizer the optimizer's hyperparameters, which a group overrides with its lr and weight decay
     * @param trainable the parameters by checkpoint name ({@link BuiltModel#trainable()})
     */
    public static List<ParameterGroup> of(List<OptimizerGroup> groups, AdamConfig optimizer,
                                          Map<String, Parameter> trainable) {
        return of(groups, optimizer, List.of(), trainable);
    }

    /**
     * The groups of {@code trainable}: a group per component group in {@code own}, with its lr and weight decay,
     * followed by a group of its biases and normalisation parameters with its lr and no weight decay (BERT
     * fine-tuning's split); then the groups below over the parameters no component group takes.
     */
    public static List<ParameterGroup> of(List<OptimizerGroup> groups, AdamConfig optimizer,
                                          List<ComponentGroup> own, Map<String, Parameter> trainable) {
        List<ParameterGroup> split = new ArrayList<>();
        Map<String, Parameter> rest = new LinkedHashMap<>(trainable);
        for (ComponentGroup component : own) {
            PairList<String, Parameter> decayed = new PairList<>();
            PairList<String, Parameter> exempt = new PairList<>();
            trainable.keySet().stream().filter(component.parameters()::contains).forEach(name -> {
                Parameter parameter = rest.remove(name);
                (isExempt(parameter, ALWAYS_EXEMPT) ? exempt : decayed).add(name, parameter);
            });
            AdamConfig config = optimizer.withLearningRate(component.learningRate())
                    .withWeightDecay(component.weightDecay());
            split.add(new ParameterGroup(component.part(), config, decayed));
            split.add(new ParameterGroup(component.part() + " (no decay)", config.withWeightDecay(0), exempt));
        }
        split.addAll(assemblyGroups(groups, optimizer, rest));
        return split;
    }

    private static List<ParameterGroup> assemblyGroups(List<OptimizerGroup> groups, AdamConfig optimizer,
                                                       Map<String, Parameter> trainable) {
        Map<String, Integer> groupOfPart = new HashMap<>();
        List<PairList<String, Parameter>> decayed = new ArrayList<>();
        List<PairList<String, Parameter>> exempt = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            for (String part : groups.get(i).parts()) {
                groupOfPart.putIfAbsent(part, i);
            }
            decayed.add(new PairList<>());
            exempt.add(new PairList<>());
        }
        PairList<String, Parameter> rest = new PairList<>();
        trainable.forEach((name, parameter) -> {
            Integer group = groupOfPart.get(BuiltModel.partOf(name));
            if (group == null) {
                rest.add(name, parameter);
            } else if (isExempt(parameter, groups.get(group).noDecay())) {
                exempt.get(group).add(name, parameter);
            } else {
                decayed.get(group).add(name, parameter);
            }
        });
        List<ParameterGroup> split = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            OptimizerGroup group = groups.get(i);
            String name = String.join(", ", group.parts());
            AdamConfig config = optimizer.withLearningRate(group.learningRate()).withWeightDecay(group.weightDecay());
            split.add(new ParameterGroup(name, config, decayed.get(i)));
            if (!group.noDecay().isEmpty()) {
                split.add(new ParameterGroup(name + " (no decay)", config.withWeightDecay(0), exempt.get(i)));
            }
        }
        split.add(new ParameterGroup(DEFAULT, optimizer, rest));
        return split;
    }

    /** What a component's own group exempts from weight decay: BERT fine-tuning's biases and LayerNorm weights. */
    private static final Set<NoDecay> ALWAYS_EXEMPT = Set.of(NoDecay.BIAS, NoDecay.LAYER_NORM);

    /** Whether {@code parameter} is of a kind {@code noDecay} exempts from weight decay. */
    static boolean isExempt(Parameter parameter, Set<NoDecay> noDecay) {
        return noDecay.stream().anyMatch(kind -> switch (kind) {
            case BIAS -> isBias(parameter);
            case LAYER_NORM -> isNormalisation(parameter);
        });
    }

    /** DJL's biases, and a module's own parameter named {@code bias} or {@code ..._bias}. */
    private static boolean isBias(Parameter parameter) {
        String name = parameter.getName();
        return parameter.getType() == Parameter.Type.BIAS || name.equals("bias") || name.endsWith("_bias");
    }

    /** Layer normalisation's γ and β: DJL's LayerNorm types them, Mosaic's modules name them so. */
    private static boolean isNormalisation(Parameter parameter) {
        Parameter.Type type = parameter.getType();
        String name = parameter.getName();
        return type == Parameter.Type.GAMMA || type == Parameter.Type.BETA || name.equals("gamma")
                || name.equals("beta");
    }
}
