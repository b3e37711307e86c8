package kz.gov.safework.intake;

import kz.gov.safework.contract.envelope.Channel;
import org.apache.camel.Processor;

/**
 * A channel whose receipts the pipeline sends itself, in the JMS transaction of the document it answers, instead of
 * through {@code hub.receipts.<channel>} and the adapter's route (one queue hop and one transaction fewer): the
 * adapter's addressing of a receipt, and its one fixed endpoint. The hub gives them (routes does not know connectors):
 * for the queue channel, {@code JmsChannelRoutes.addressReceipt} and {@code {{hub.jms.receipts-out.uri}}}.
 *
 * @param address makes the pipeline's receipt the channel's: its queue in {@code CamelJmsDestinationName}, its
 *                duplicate-detection id, its headers; runs on a copy of the exchange
 * @param uri     the endpoint the addressed receipt is sent to, on the pipeline's thread
 */
public record DirectReceipts(Channel channel, Processor address, String uri) {
}
