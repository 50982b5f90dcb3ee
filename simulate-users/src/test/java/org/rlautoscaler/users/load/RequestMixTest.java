package org.rlautoscaler.users.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestMixTest {

    @Test
    void default_mix_weights_the_routes_and_reads_a_range_of_the_video() {
        RequestMix mix = RequestMix.parse("default");
        assertEquals("/=3,/about=1,/graphics=1,/json_endpoint=3,/test=4,/streaming=1", mix.toString());
        assertEquals(Optional.of("bytes=0-65535"), mix.entries().getLast().range());
        assertEquals(Optional.empty(), mix.entries().getFirst().range());
    }

    @Test
    void a_single_path_has_weight_one() {
        assertEquals(List.of(new RequestMix.Entry("/test", 1, Optional.empty())), RequestMix.parse("/test").entries());
    }

    @Test
    void pick_gives_each_entry_its_weights_share() {
        RequestMix mix = RequestMix.parse("/a=1,/b=3");
        assertEquals("/a", mix.pick(0.0).path());
        assertEquals("/a", mix.pick(0.2499).path());
        assertEquals("/b", mix.pick(0.25).path());
        assertEquals("/b", mix.pick(0.9999).path());
    }

    @Test
    void bad_mixes_say_what_is_wrong() {
        assertEquals("the weight of /a is 'x', not a whole number",
                assertThrows(IllegalArgumentException.class, () -> RequestMix.parse("/a=x")).getMessage());
        assertEquals("the weight of /a is 0; weights are 1 or more",
                assertThrows(IllegalArgumentException.class, () -> RequestMix.parse("/a=0")).getMessage());
        assertEquals("'test' is not a path starting with /",
                assertThrows(IllegalArgumentException.class, () -> RequestMix.parse("test")).getMessage());
        assertEquals("an empty entry",
                assertThrows(IllegalArgumentException.class, () -> RequestMix.parse("/a,,/b")).getMessage());
        assertEquals("the mix is empty",
                assertThrows(IllegalArgumentException.class, () -> RequestMix.parse("")).getMessage());
        assertEquals("the mix is empty",
                assertThrows(IllegalArgumentException.class, () -> RequestMix.parse(" \t")).getMessage());
    }
}
