package kz.gov.safework.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256Test {

    @Test
    void knownVectorsFromFips180() {
        assertThat(Sha256.hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void textIsHashedAsUtf8() {
        String text = "Қауіпсіз еңбек";
        assertThat(Sha256.hex(text)).isEqualTo(Sha256.hex(text.getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(Sha256.hex(text.getBytes(StandardCharsets.UTF_16)));
    }

    @Test
    void lowerCaseHexOfThirtyTwoBytes() {
        assertThat(Sha256.hex("x")).hasSize(64).matches("[0-9a-f]{64}");
    }
}
