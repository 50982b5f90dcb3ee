package org.rlautoscaler.users.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    @Test
    void a_name_with_ipv4_and_ipv6_addresses_is_served_on_its_ipv4_ones_in_a_stable_order() throws Exception {
        InetAddress[] all = {InetAddress.getByName("10.0.1.7"), InetAddress.getByName("::1"),
            InetAddress.getByName("10.0.1.12"), InetAddress.getByName("10.0.1.3")};

        List<InetAddress> chosen = Endpoints.preferred(all);

        assertEquals(List.of("10.0.1.12", "10.0.1.3", "10.0.1.7"), chosen.stream().map(InetAddress::getHostAddress).toList());
    }

    @Test
    void a_name_with_only_ipv6_addresses_keeps_them() throws Exception {
        List<InetAddress> chosen = Endpoints.preferred(new InetAddress[] {InetAddress.getByName("::2"),
            InetAddress.getByName("::1")});

        assertEquals(2, chosen.size());
    }

    @Test
    void an_address_literal_is_its_own_only_endpoint_every_time() throws Exception {
        Endpoints endpoints = new Endpoints("127.0.0.1");

        for (int i = 0; i < 3; i++) {
            assertEquals("127.0.0.1", endpoints.next().getHostAddress());
        }
    }
}
