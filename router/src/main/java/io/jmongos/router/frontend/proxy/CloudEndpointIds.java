package io.jmongos.router.frontend.proxy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The endpoint id that cloud balancers put in PROXY v2 TLVs: AWS (0xEA, subtype 0x01: the VPC endpoint id,
 * ASCII), Azure (0xEE, subtype 0x01: the private link LinkID, 32-bit little-endian, shown in decimal) and GCP
 * (0xE0: the Private Service Connect connection id, 64-bit big-endian, shown in decimal), per each vendor's docs.
 */
public final class CloudEndpointIds {
    /** PP2_TYPE_AZURE (Azure Private Link service docs). */
    public static final int TLV_AZURE = 0xEE;
    /** Azure's subtype for the LinkID. */
    public static final int AZURE_SUBTYPE_LINK_ID = 0x01;
    /** Bytes of Azure's LinkID value after its subtype. */
    static final int AZURE_LINK_ID_BYTES = 4;
    /** GCP's PSC connection id TLV (Private Service Connect docs). */
    public static final int TLV_GCP = 0xE0;
    /** Bytes of GCP's PSC connection id. */
    static final int GCP_ID_BYTES = 8;

    private CloudEndpointIds() {
    }

    /** The first cloud endpoint id in the header, or null. */
    public static String of(ProxiedConnection p) {
        String aws = p.awsVpceId();
        if (aws != null) {
            return aws;
        }
        byte[] azure = p.tlv(TLV_AZURE);
        if (azure != null && azure.length == 1 + AZURE_LINK_ID_BYTES && azure[0] == AZURE_SUBTYPE_LINK_ID) {
            return Integer.toUnsignedString(ByteBuffer.wrap(azure, 1, AZURE_LINK_ID_BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN).getInt());
        }
        byte[] gcp = p.tlv(TLV_GCP);
        if (gcp != null && gcp.length == GCP_ID_BYTES) {
            return Long.toUnsignedString(ByteBuffer.wrap(gcp).getLong());
        }
        return null;
    }
}
