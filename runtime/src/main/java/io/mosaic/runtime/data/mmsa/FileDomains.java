package io.mosaic.runtime.data.mmsa;

import io.mosaic.api.component.ParameterException;
import io.mosaic.api.data.Modality;
import io.mosaic.api.model.FeatureShape;
import io.mosaic.runtime.data.ConcatenatedSplit;
import io.mosaic.runtime.data.Dataset;
import io.mosaic.runtime.data.Sample;
import io.mosaic.runtime.data.Split;
import io.mosaic.runtime.data.tokenizer.TokenizerFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Several feature files as domains ({@code data.files}): file i is domain i, with its own train, valid and test
 * splits. {@code train} and {@code valid} join the source domains' splits, {@code test} the target domains' test
 * splits; the final report also gives the source domains' test split and each target domain's on its own
 * ({@link #domainTests()}). A target domain that is no source is held out: its file is opened only when a test split
 * is asked for, at the final evaluation (or by {@link #openHeldOut()}, for {@code validate}).
 *
 * <p>Every file must have the first source file's steps and width per modality, token ids if it has them (within
 * its vocabulary) and label scale: there is no per-domain projection. A sample's id becomes {@code <domain>:<id>}
 * (files exported from one testbed share ids) and it carries its domain.
 */
final class FileDomains implements Dataset {
    private final FeatureFileSource source;
    private final List<Path> files;
    private final List<Integer> sources;
    private final List<Integer> targets;
    private final String scale;
    private final boolean fileClasses;
    /** The files opened so far, by domain: every source from the start, a held-out target once asked for. */
    private final Map<Integer, Dataset> opened = new LinkedHashMap<>();
    private final Dataset first;
    /** Tokenises each file's raw_text, or {@code null}. */
    private final TokenizerFile tokenizer;
    private final Map<String, Split> splits = new LinkedHashMap<>();
    private final Map<String, Split> domainTests = new LinkedHashMap<>();

    /**
     * Opens the source files; the targets' files are only checked to exist.
     *
     * @param sources the source domains; empty: every file
     * @param targets the target domains; empty: every file
     * @throws ParameterException       naming {@code files}, {@code train-domains} or {@code test-domains} when a
     *                                  file is missing, or a domain is not a file's or is listed twice
     * @throws IllegalArgumentException naming the file when a source file cannot be read, or both files when two
     *                                  source files disagree
     */
    FileDomains(FeatureFileSource source, List<Path> files, List<Integer> sources, List<Integer> targets,
                String scale, boolean fileClasses, TokenizerFile tokenizer) {
        this.source = source;
        this.tokenizer = tokenizer;
        this.files = List.copyOf(files);
        this.sources = domains(FeatureFileSource.TRAIN_DOMAINS, sources);
        this.targets = domains(FeatureFileSource.TEST_DOMAINS, targets);
        this.scale = scale;
        this.fileClasses = fileClasses;
        for (int domain = 0; domain < files.size(); domain++) {
            Path file = files.get(domain);
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(FeatureFileSource.FILES, file + " (domain " + domain + "): "
                        + (Files.exists(file) ? "not a regular file" : "no such file"));
            }
        }
        this.first = open(this.sources.get(0));
        opened.put(this.sources.get(0), first);
        this.sources.forEach(this::domain);
        splits.put(TRAIN, joined(TRAIN, this.sources, TRAIN));
        splits.put(VALID, joined(VALID, this.sources, VALID));
        domainTests.put(SOURCE_TEST, joined(SOURCE_TEST, this.sources, TEST));
    }

    /** The domains {@code key} lists, each a file's index once; every file when the list is empty. */
    private List<Integer> domains(String key, List<Integer> listed) {
        if (listed.isEmpty()) {
            return IntStream.range(0, files.size()).boxed().toList();
        }
        Set<Integer> seen = new HashSet<>();
        for (int domain : listed) {
            if (domain >= files.size()) {
                throw new ParameterException(key, "domain " + domain + " is not one of files, whose domains are 0 "
                        + "to " + (files.size() - 1));
            }
            if (!seen.add(domain)) {
                throw new ParameterException(key, "domain " + domain + " is listed twice");
            }
        }
        return List.copyOf(listed);
    }

    @Override
    public String description() {
        List<String> names = files.stream().map(file -> String.valueOf(file.getFileName())).toList();
        return source.name() + " " + String.join(", ", names) + " (train domains " + sources + ", test domains "
                + targets + ")";
    }

    @Override
    public Map<Modality, FeatureShape> shapes() {
        return first.shapes();
    }

    /** The first source file's: every other file's token ids must lie below it. */
    @Override
    public int vocabulary() {
        return first.vocabulary();
    }

    @Override
    public boolean simsScale() {
        return first.simsScale();
    }

    /** The modalities with unimodal labels in every source file. */
    @Override
    public Set<Modality> unimodalLabels() {
        Set<Modality> common = EnumSet.allOf(Modality.class);
        sources.forEach(domain -> common.retainAll(opened.get(domain).unimodalLabels()));
        return common;
    }

    @Override
    public boolean classesFromFile() {
        return fileClasses;
    }

    @Override
    public List<String> splitNames() {
        return List.of(TRAIN, VALID, TEST);
    }

    @Override
    public List<String> domainTests() {
        List<String> names = new ArrayList<>(List.of(SOURCE_TEST));
        targets.forEach(domain -> names.add(Dataset.targetTest(domain)));
        return names;
    }

    /** Opens every target domain's file that is no source, as the final evaluation will. */
    @Override
    public void openHeldOut() {
        targets.forEach(this::domain);
    }

    /** {@code test} opens the target domains' files on first use. */
    @Override
    public synchronized Split split(String name) {
        if (name.equals(TEST)) {
            return splits.computeIfAbsent(TEST, test -> joined(TEST, targets, TEST));
        }
        if (!splits.containsKey(name)) {
            throw new IllegalArgumentException(description() + " has no split '" + name + "'; its splits: "
                    + splitNames());
        }
        return splits.get(name);
    }

    /** The source domains' test split, or a target domain's, which opens its file on first use. */
    @Override
    public synchronized Split domainTest(String name) {
        if (domainTests.containsKey(name)) {
            return domainTests.get(name);
        }
        int domain = targets.stream().filter(d -> Dataset.targetTest(d).equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(description() + " has no domain test split '"
                        + name + "'; it has " + domainTests()));
        Split split = joined(name, List.of(domain), TEST);
        domainTests.put(name, split);
        return split;
    }

    /** The split {@code fileSplit} of each of {@code domains}, one after another, as split {@code name}. */
    private Split joined(String name, List<Integer> domains, String fileSplit) {
        List<Split> parts = new ArrayList<>();
        for (int domain : domains) {
            parts.add(domain(domain).split(fileSplit).mapped(sample -> sample.inDomain(domain)));
        }
        return new ConcatenatedSplit(name, parts);
    }

    /** Domain {@code domain}'s dataset, its file opened and checked against the first source's on first use. */
    private Dataset domain(int domain) {
        Dataset dataset = opened.get(domain);
        if (dataset == null) {
            dataset = open(domain);
            requireAgreement(domain, dataset);
            opened.put(domain, dataset);
        }
        return dataset;
    }

    private Dataset open(int domain) {
        Path file = files.get(domain);
        return source.open(file, source.readSplits(file), "", scale, fileClasses, tokenizer);
    }

    /** @throws IllegalArgumentException naming both files and what differs */
    private void requireAgreement(int domain, Dataset dataset) {
        int firstDomain = sources.get(0);
        String pair = "files " + name(firstDomain) + " and " + name(domain) + " disagree on ";
        for (Modality modality : Modality.values()) {
            FeatureShape expected = first.shapes().get(modality);
            FeatureShape found = dataset.shapes().get(modality);
            if (!expected.equals(found)) {
                throw new IllegalArgumentException(pair + modality.id() + ": " + steps(expected) + " against "
                        + steps(found) + "; every file of data.files needs the same steps and width per modality "
                        + "(there is no per-domain projection)");
            }
        }
        if (dataset.simsScale() != first.simsScale()) {
            throw new IllegalArgumentException(pair + "the label scale: " + scaleName(first) + " against "
                    + scaleName(dataset) + "; set data.scale to read both on one scale");
        }
        if ((dataset.vocabulary() == 0) != (first.vocabulary() == 0) || dataset.vocabulary() > first.vocabulary()) {
            throw new IllegalArgumentException(pair + "token ids: " + tokens(first) + " against " + tokens(dataset)
                    + "; every file needs token ids below the first source's vocabulary, or none has any");
        }
    }

    private String name(int domain) {
        return files.get(domain).getFileName() + " (domain " + domain + ")";
    }

    private static String steps(FeatureShape shape) {
        return shape.steps() + " steps of width " + shape.dim();
    }

    private static String scaleName(Dataset dataset) {
        return dataset.simsScale() ? "SIMS' [-1, 1]" : "MOSI's [-3, 3]";
    }

    private static String tokens(Dataset dataset) {
        return dataset.vocabulary() == 0 ? "none" : "ids below " + dataset.vocabulary();
    }
}
