package io.mosaic.runtime.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.api.component.ComponentFactory;
import io.mosaic.api.component.ComponentKind;
import io.mosaic.api.component.MosaicComponent;
import io.mosaic.encoders.pooling.MaskedMeanPoolFactory;
import io.mosaic.encoders.recurrent.GruFactory;
import io.mosaic.fusion.concat.ConcatFactory;
import io.mosaic.fusion.head.MlpHeadFactory;
import io.mosaic.runtime.osgi.ComponentFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;

/** Resolving names and version ranges among registered components, and the suggestions when nothing matches. */
class ComponentRegistryTest {
    private static final List<String> ENCODERS = List.of("gru", "last-step-pool", "masked-mean-pool",
            "pointwise-projection");

    private final List<RegisteredComponent> installed = new ArrayList<>();

    @Test
    void suggestsNamesWithinAFewEdits() {
        assertThat(ComponentRegistry.closest("gur", ENCODERS)).containsExactly("gru");
        assertThat(ComponentRegistry.closest("masked-maen-pool", ENCODERS)).containsExactly("masked-mean-pool");
    }

    @Test
    void allowsMoreEditsForLongerNames() {
        assertThat(ComponentRegistry.closest("pointwse-projecton", ENCODERS)).containsExactly("pointwise-projection");
        assertThat(ComponentRegistry.closest("xyz", ENCODERS)).isEmpty();
    }

    @Test
    void suggestsNamesThatContainTheWordClosestFirst() {
        assertThat(ComponentRegistry.closest("pool", ENCODERS)).containsExactly("last-step-pool", "masked-mean-pool");
        assertThat(ComponentRegistry.closest("mean-pool", ENCODERS)).containsExactly("masked-mean-pool");
    }

    @Test
    void suggestsAtMostThreeNames() {
        assertThat(ComponentRegistry.closest("a", List.of("ab", "ac", "ad", "ae"))).containsExactly("ab", "ac", "ad");
    }

    @Test
    void takesTheNewestVersionInTheRange() {
        install(ComponentKind.ENCODER, "gru", "1.0.0", new GruFactory());
        install(ComponentKind.ENCODER, "gru", "1.4.2", new GruFactory());
        install(ComponentKind.ENCODER, "gru", "2.0.0", new GruFactory());

        assertThat(resolve(ComponentKind.ENCODER, "gru").bundleVersion()).isEqualTo(Version.parseVersion("2.0.0"));
        assertThat(resolve(ComponentKind.ENCODER, "gru@[1.0,2.0)").bundleVersion())
                .isEqualTo(Version.parseVersion("1.4.2"));
        assertThat(resolve(ComponentKind.ENCODER, "gru@[1.0.0,1.0.0]").bundleVersion())
                .isEqualTo(Version.parseVersion("1.0.0"));
    }

    @Test
    void aNameThatSeveralBundlesOfferIsAmbiguousUntilABundleOrRangeIsPinned() {
        install(ComponentKind.ENCODER, "gru", "io.mosaic.encoders", "0.1.0", new GruFactory());
        install(ComponentKind.ENCODER, "gru", "org.example.shadow", "99.0.0", new GruFactory());

        assertThatThrownBy(() -> resolve(ComponentKind.ENCODER, "gru"))
                .isInstanceOf(UnknownComponentException.class)
                .hasMessage("encoder 'gru' is ambiguous: bundle org.example.shadow 99.0.0 and bundle "
                        + "io.mosaic.encoders 0.1.0 each offer it; pin one with 'bundle: <symbolic name>' beside "
                        + "'use: gru' (e.g. bundle: io.mosaic.encoders) or with a version range (e.g. "
                        + "gru@[0.1.0,0.1.0])");
        assertThat(resolve(ComponentKind.ENCODER, "gru", "io.mosaic.encoders").bundle())
                .isEqualTo("io.mosaic.encoders");
        assertThat(resolve(ComponentKind.ENCODER, "gru", "org.example.shadow").bundleVersion())
                .isEqualTo(Version.parseVersion("99.0.0"));
        assertThat(resolve(ComponentKind.ENCODER, "gru@[0.1,1.0)").bundle()).isEqualTo("io.mosaic.encoders");
        assertThatThrownBy(() -> resolve(ComponentKind.ENCODER, "gru", "org.example.absent"))
                .hasMessage("encoder gru@99.0.0 comes from bundles org.example.shadow and io.mosaic.encoders, not "
                        + "org.example.absent");
    }

    @Test
    void versionsOfOneBundleSideBySideResolveToTheNewest() {
        install(ComponentKind.ENCODER, "gru", "io.mosaic.encoders", "0.1.0", new GruFactory());
        install(ComponentKind.ENCODER, "gru", "io.mosaic.encoders", "0.2.0", new GruFactory());
        install(ComponentKind.FUSION, "gru", "org.example.shadow", "99.0.0", new ConcatFactory());

        assertThat(resolve(ComponentKind.ENCODER, "gru").bundleVersion()).isEqualTo(Version.parseVersion("0.2.0"));
    }

    @Test
    void aRangeWithoutMatchListsTheInstalledVersions() {
        install(ComponentKind.ENCODER, "gru", "0.1.0", new GruFactory());
        install(ComponentKind.ENCODER, "gru", "0.3.0", new GruFactory());

        assertThatThrownBy(() -> resolve(ComponentKind.ENCODER, "gru@[1.0,2.0)"))
                .isInstanceOf(UnknownComponentException.class)
                .hasMessage("no version of encoder 'gru' in [1.0.0,2.0.0); installed: 0.3.0, 0.1.0");
    }

    @Test
    void aNameOfAnotherKindSaysWhichKindItIs() {
        install(ComponentKind.FUSION, "concat", "0.1.0", new ConcatFactory());
        install(ComponentKind.HEAD, "mlp", "0.1.0", new MlpHeadFactory());
        install(ComponentKind.ENCODER, "mlp", "0.1.0", new GruFactory());

        assertThatThrownBy(() -> resolve(ComponentKind.ENCODER, "concat"))
                .hasMessage("'concat' is a fusion, not an encoder");
        assertThatThrownBy(() -> resolve(ComponentKind.OBJECTIVE, "mlp"))
                .hasMessage("'mlp' is an encoder and a head, not an objective");
    }

    @Test
    void anUnknownNameListsTheKnownNamesOfItsKind() {
        install(ComponentKind.ENCODER, "gru", "0.1.0", new GruFactory());
        install(ComponentKind.ENCODER, "masked-mean-pool", "0.1.0", new MaskedMeanPoolFactory());
        install(ComponentKind.FUSION, "concat", "0.1.0", new ConcatFactory());

        assertThatThrownBy(() -> resolve(ComponentKind.ENCODER, "gur"))
                .hasMessage("unknown encoder 'gur'; did you mean gru? Known encoders: gru, masked-mean-pool.");
        assertThatThrownBy(() -> resolve(ComponentKind.ENCODER, "lstm"))
                .hasMessage("unknown encoder 'lstm'. Known encoders: gru, masked-mean-pool.");
        assertThatThrownBy(() -> resolve(ComponentKind.PIPELINE, "cider"))
                .hasMessage("unknown pipeline 'cider'. No pipeline is installed.");
    }

    @Test
    void aComponentThatFailedToActivateIsNamedWithItsBundleAndTheReason() {
        install(ComponentKind.ENCODER, "gru", "0.1.0", new GruFactory());
        List<ComponentFailure> failures = List.of(
                failed(ComponentKind.ENCODER, "exploding", "2.0.0", "failed activation", "no GPU found"),
                failed(ComponentKind.FUSION, "exploding", "2.0.0", "failed activation", "not this one"));

        assertThatThrownBy(() -> ComponentRegistry.resolve(installed, () -> failures, ComponentKind.ENCODER,
                ComponentRef.parse("exploding"), Optional.empty()))
                .isInstanceOf(UnknownComponentException.class)
                .hasMessage("encoder 'exploding' is installed but not active: component org.example.Exploding of "
                        + "bundle org.example.plugin 2.0.0: failed activation (no GPU found)");
    }

    @Test
    void aFailedComponentOutsideTheRequestedRangeIsNotTheAnswer() {
        install(ComponentKind.ENCODER, "exploding", "1.0.0", new GruFactory());
        List<ComponentFailure> failures = List.of(
                failed(ComponentKind.ENCODER, "exploding", "2.0.0", "failed activation", "no GPU found"));

        assertThat(ComponentRegistry.resolve(installed, () -> failures, ComponentKind.ENCODER,
                ComponentRef.parse("exploding@[1.0,2.0)"), Optional.empty()).bundleVersion()).isEqualTo(new Version(1, 0, 0));
        assertThatThrownBy(() -> ComponentRegistry.resolve(installed, () -> failures, ComponentKind.ENCODER,
                ComponentRef.parse("exploding@[3.0,4.0)"), Optional.empty()))
                .hasMessage("no version of encoder 'exploding' in [3.0.0,4.0.0); installed: 1.0.0");
        assertThatThrownBy(() -> ComponentRegistry.resolve(installed, () -> failures, ComponentKind.ENCODER,
                ComponentRef.parse("exploding@[2.0,3.0)"), Optional.empty()))
                .hasMessageStartingWith("encoder 'exploding' is installed but not active: ");
    }

    private static ComponentFailure failed(ComponentKind kind, String name, String version, String state,
                                           String reason) {
        return new ComponentFailure("org.example.plugin", Version.parseVersion(version), "org.example.Exploding",
                state, reason, Map.of(MosaicComponent.KIND_PROPERTY, kind.name(), MosaicComponent.NAME_PROPERTY,
                name, "other", 3));
    }

    private void install(ComponentKind kind, String name, String version, ComponentFactory factory) {
        install(kind, name, "io.mosaic.test", version, factory);
    }

    private void install(ComponentKind kind, String name, String bundle, String version, ComponentFactory factory) {
        installed.add(new RegisteredComponent(kind, name, bundle, Version.parseVersion(version),
                installed.size() + 1L, factory));
    }

    private RegisteredComponent resolve(ComponentKind kind, String ref) {
        return ComponentRegistry.resolve(installed, kind, ComponentRef.parse(ref), Optional.empty());
    }

    private RegisteredComponent resolve(ComponentKind kind, String ref, String bundle) {
        return ComponentRegistry.resolve(installed, kind, ComponentRef.parse(ref), Optional.of(bundle));
    }
}
