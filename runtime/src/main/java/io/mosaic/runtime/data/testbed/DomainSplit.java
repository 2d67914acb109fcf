package io.mosaic.runtime.data.testbed;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Which domains each split draws from: train and valid from the train (source) domains, test from the test (target)
 * domains, each sample's domain uniformly among its split's. Training on some domains and testing on others gives a
 * distribution shift: the label prior and the sign of the spurious signal change between source and target (see
 * {@link Domains}).
 *
 * @param train the source domains: distinct ids, at least one
 * @param test  the target domains: distinct ids, at least one; they may overlap the source domains
 */
public record DomainSplit(List<Integer> train, List<Integer> test) {

    public DomainSplit {
        train = requireDomains("train", train);
        test = requireDomains("test", test);
    }

    /** Every split draws from all {@code count} domains: no shift. */
    public static DomainSplit all(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a testbed needs >= 1 domain, got " + count);
        }
        List<Integer> every = IntStream.range(0, count).boxed().toList();
        return new DomainSplit(every, every);
    }

    /** Whether both lists are every one of {@code count} domains. */
    public boolean isAll(int count) {
        return equals(all(count));
    }

    /** @throws IllegalArgumentException naming the first id outside [0, count) */
    void requireWithin(int count, String testbed) {
        requireWithin("train", train, count, testbed);
        requireWithin("test", test, count, testbed);
    }

    private static void requireWithin(String split, List<Integer> domains, int count, String testbed) {
        for (int domain : domains) {
            if (domain >= count) {
                throw new IllegalArgumentException(split + " domain " + domain + " is not a domain of testbed "
                        + testbed + ", whose domains are 0 to " + (count - 1));
            }
        }
    }

    private static List<Integer> requireDomains(String split, List<Integer> domains) {
        if (domains.isEmpty()) {
            throw new IllegalArgumentException(split + " domains must name at least one domain, got none");
        }
        Set<Integer> seen = new HashSet<>();
        for (int domain : domains) {
            if (domain < 0) {
                throw new IllegalArgumentException(split + " domain " + domain + " is negative; domain ids are >= 0");
            }
            if (!seen.add(domain)) {
                throw new IllegalArgumentException(split + " domain " + domain + " is listed twice in " + domains);
            }
        }
        return List.copyOf(domains);
    }
}
