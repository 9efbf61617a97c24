package lux.consensus.snow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import lux.consensus.Id;
import org.junit.jupiter.api.Test;

class VoteBagTest {

    @Test
    void addingAnIdTwice_mergesItsCounts() {
        VoteBag bag = new VoteBag();
        Id a = Id.ofLong(1);
        Id b = Id.ofLong(2);
        bag.add(a, 2);
        bag.add(b);
        bag.add(a, 3);
        assertEquals(2, bag.size());
        assertEquals(6, bag.total());
        assertEquals(a, bag.id(0));
        assertEquals(5, bag.count(0));
        assertEquals(b, bag.id(1));
        assertEquals(1, bag.count(1));
        assertEquals(5, bag.countOf(a));
        assertEquals(0, bag.countOf(Id.ofLong(3)));
    }

    @Test
    void zeroCountAddsNothing_negativeCountIsRejected() {
        VoteBag bag = new VoteBag();
        bag.add(Id.ofLong(1), 0);
        assertTrue(bag.isEmpty());
        assertEquals(0, bag.size());
        assertThrows(IllegalArgumentException.class, () -> bag.add(Id.ofLong(1), -1));
        assertThrows(NullPointerException.class, () -> bag.add(null, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> bag.id(0));
    }

    @Test
    void manyDistinctIds_areCountedLikeAMap_acrossClears() {
        Random random = new Random(7);
        VoteBag bag = new VoteBag(1);
        for (int round = 0; round < 20; round++) {
            Map<Id, Integer> expected = new HashMap<>();
            int distinct = 1 + random.nextInt(200);
            for (int i = 0; i < 500; i++) {
                Id id = Id.ofLong(random.nextInt(distinct));
                int count = 1 + random.nextInt(3);
                bag.add(id, count);
                expected.merge(id, count, Integer::sum);
            }
            assertEquals(expected.size(), bag.size());
            int total = 0;
            for (int i = 0; i < bag.size(); i++) {
                assertEquals(expected.get(bag.id(i)), bag.count(i));
                total += bag.count(i);
            }
            assertEquals(total, bag.total());
            for (Map.Entry<Id, Integer> e : expected.entrySet()) {
                assertEquals(e.getValue(), bag.countOf(e.getKey()));
            }
            bag.clear();
            assertEquals(0, bag.size());
            assertEquals(0, bag.total());
            assertEquals(0, bag.countOf(Id.ofLong(0)));
        }
    }

    @Test
    void of_countsRepeatsAndToStringListsEntries() {
        VoteBag bag = VoteBag.of(Id.ofLong(1), Id.ofLong(1), Id.ofLong(2));
        assertEquals(2, bag.countOf(Id.ofLong(1)));
        assertEquals(3, bag.total());
        assertEquals("VoteBag{01000000=2, 02000000=1}", bag.toString());
    }
}
