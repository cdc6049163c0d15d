package io.jmongos.router.frontend.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.handler.codec.haproxy.HAProxySSLTLV;
import io.netty.handler.codec.haproxy.HAProxyTLV;
import io.netty.util.NetUtil;

/** Copies what a decoded {@link HAProxyMessage} says into a plain {@link ProxiedConnection}. Never releases. */
final class HAProxyMessageConverter {
    private HAProxyMessageConverter() {
    }

    static ProxiedConnection convert(HAProxyMessage m) {
        int version = m.protocolVersion() == HAProxyProtocolVersion.V1 ? 1 : 2;
        if (m.command() == HAProxyCommand.LOCAL) {
            return new ProxiedConnection(version, ProxiedConnection.Command.LOCAL, ProxiedConnection.Family.UNSPEC,
                    ProxiedConnection.Transport.UNSPEC, null, null, tlvs(m.tlvs()));
        }
        HAProxyProxiedProtocol p = m.proxiedProtocol();
        ProxiedConnection.Family family = switch (p.addressFamily()) {
            case AF_IPv4 -> ProxiedConnection.Family.INET;
            case AF_IPv6 -> ProxiedConnection.Family.INET6;
            case AF_UNIX -> ProxiedConnection.Family.UNIX;
            default -> ProxiedConnection.Family.UNSPEC;
        };
        ProxiedConnection.Transport transport = switch (p.transportProtocol()) {
            case STREAM -> ProxiedConnection.Transport.STREAM;
            case DGRAM -> ProxiedConnection.Transport.DGRAM;
            default -> ProxiedConnection.Transport.UNSPEC;
        };
        SocketAddress source = address(family, m.sourceAddress(), m.sourcePort());
        SocketAddress destination = address(family, m.destinationAddress(), m.destinationPort());
        return new ProxiedConnection(version, ProxiedConnection.Command.PROXY, family, transport, source, destination,
                tlvs(m.tlvs()));
    }

    private static SocketAddress address(ProxiedConnection.Family family, String address, int port) {
        switch (family) {
            case INET, INET6 -> {
                InetAddress ip = NetUtil.createInetAddressFromIpAddressString(address);
                if (ip == null) {
                    throw new IllegalArgumentException("invalid IP address: " + address);
                }
                return new InetSocketAddress(ip, port);
            }
            case UNIX -> {
                try {
                    return address == null ? null : UnixDomainSocketAddress.of(address);
                } catch (InvalidPathException e) {
                    return null;
                }
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * Top-level TLVs in order with SSL sub-TLVs nested. Netty lists an SSL TLV's sub-TLVs again after it
     * in the flat list; those repeats are skipped by identity.
     */
    private static List<ProxiedConnection.Tlv> tlvs(List<HAProxyTLV> flat) {
        if (flat.isEmpty()) {
            return List.of();
        }
        Set<HAProxyTLV> nested = Collections.newSetFromMap(new IdentityHashMap<>());
        for (HAProxyTLV t : flat) {
            collectNested(t, nested);
        }
        List<ProxiedConnection.Tlv> out = new ArrayList<>(flat.size());
        for (HAProxyTLV t : flat) {
            if (!nested.contains(t)) {
                out.add(copy(t));
            }
        }
        return out;
    }

    private static void collectNested(HAProxyTLV t, Set<HAProxyTLV> nested) {
        if (t instanceof HAProxySSLTLV ssl) {
            for (HAProxyTLV sub : ssl.encapsulatedTLVs()) {
                if (nested.add(sub)) {
                    collectNested(sub, nested);
                }
            }
        }
    }

    private static ProxiedConnection.Tlv copy(HAProxyTLV t) {
        List<ProxiedConnection.Tlv> subs = List.of();
        if (t instanceof HAProxySSLTLV ssl && !ssl.encapsulatedTLVs().isEmpty()) {
            subs = new ArrayList<>();
            for (HAProxyTLV sub : ssl.encapsulatedTLVs()) {
                subs.add(copy(sub));
            }
        }
        return new ProxiedConnection.Tlv(t.typeByteValue() & 0xFF, ByteBufUtil.getBytes(t.content()), subs);
    }
}
