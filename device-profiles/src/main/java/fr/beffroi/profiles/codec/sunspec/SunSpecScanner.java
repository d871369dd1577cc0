package fr.beffroi.profiles.codec.sunspec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds a device's SunSpec map: the "SunS" marker at one of the legal base addresses, then the
 * chain of (ID, L, body) blocks up to the end marker 0xFFFF. Each block's address comes from the
 * previous block's announced length, never from a table: model 1 is 65 registers long on older
 * devices and 66 on current ones, and everything after it moves with it.
 */
public final class SunSpecScanner {

    /** "Su" "nS" */
    static final short MARKER_HI = 0x5375;
    static final short MARKER_LO = 0x6E53;
    /** Where SunSpec allows the marker, in the order devices most often use them. */
    public static final List<Integer> BASE_ADDRESSES = List.of(40000, 0, 50000);
    static final int END_ID = 0xFFFF;
    static final int COMMON_MODEL_ID = 1;
    /** More blocks than any real device chains: past this the chain is taken as looping garbage. */
    static final int MAX_BLOCKS = 128;
    /** Largest register count one Modbus read may ask for. */
    public static final int MAX_READ = 125;
    private static final int LAST_ADDRESS = 0xFFFF;

    private final RegisterReader reader;

    public SunSpecScanner(RegisterReader reader) {
        this.reader = reader;
    }

    /**
     * Scans the device.
     *
     * @throws SunSpecException when no base holds the marker or the chain is broken
     * @throws IOException      when the device cannot be read (other than refusing a base address)
     */
    public SunSpecModelMap scan() throws IOException, SunSpecException {
        for (int base : BASE_ADDRESSES) {
            short[] marker;
            try {
                marker = reader.read(base, 2);
            } catch (UnreadableRegistersException e) {
                continue; // no register map at this base: try the next one
            }
            if (marker.length == 2 && marker[0] == MARKER_HI && marker[1] == MARKER_LO) {
                return new SunSpecModelMap(base, walk(base + 2));
            }
        }
        throw new SunSpecException("no SunSpec marker 'SunS' at any of " + BASE_ADDRESSES);
    }

    private List<ModelBlock> walk(int first) throws IOException, SunSpecException {
        List<ModelBlock> blocks = new ArrayList<>();
        int address = first;
        while (true) {
            if (address + 1 > LAST_ADDRESS) {
                throw new SunSpecException("model chain runs past register " + LAST_ADDRESS + " without the end marker");
            }
            short[] header = reader.read(address, 2);
            int id = header[0] & 0xFFFF;
            int length = header[1] & 0xFFFF;
            if (id == END_ID) {
                break;
            }
            if (blocks.isEmpty() && id != COMMON_MODEL_ID) {
                throw new SunSpecException("first model at " + address + " is " + id + ", not the common model 1");
            }
            if (blocks.size() == MAX_BLOCKS) {
                throw new SunSpecException("more than " + MAX_BLOCKS + " models without the end marker");
            }
            blocks.add(new ModelBlock(id, length, address));
            address += 2 + length;
        }
        if (blocks.isEmpty()) {
            throw new SunSpecException("the model chain is empty (end marker right after 'SunS')");
        }
        return blocks;
    }

    /** Reads a whole block (ID, L and body), in as few requests as Modbus allows. */
    public static short[] readBlock(RegisterReader reader, ModelBlock block) throws IOException {
        short[] words = new short[block.words()];
        for (int done = 0; done < words.length; ) {
            int count = Math.min(MAX_READ, words.length - done);
            short[] part = reader.read(block.address() + done, count);
            System.arraycopy(part, 0, words, done, count);
            done += count;
        }
        return words;
    }
}
