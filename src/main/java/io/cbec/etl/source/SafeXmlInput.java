package io.cbec.etl.source;

import java.io.InputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The one place that makes StAX readers for untrusted XML: DTDs and external entities are off, so an
 * entity-expansion bomb or an external entity pointing at a local file or URL is refused instead of
 * expanded or fetched.
 *
 * <p>The implementation is Aalto (com.fasterxml:aalto-xml), named by class rather than looked up through
 * {@code XMLInputFactory.newInstance()}, so another StAX provider on the classpath cannot change these
 * guarantees. Aalto tokenises sheet XML about twice as fast as the JDK's StAX (docs/performance.md),
 * which is most of the time a large sheet takes to read.
 */
final class SafeXmlInput {

    private static final XMLInputFactory FACTORY = create();

    private SafeXmlInput() {
    }

    private static XMLInputFactory create() {
        XMLInputFactory factory = new com.fasterxml.aalto.stax.InputFactoryImpl();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Text nodes are read with getElementText(), which joins split text itself; coalescing every
        // text event would only add work.
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /**
     * A reader positioned on the root element (callers then call {@code next()} to its children). A
     * document with a DOCTYPE is refused here: no OOXML part has one, and Aalto, unlike the JDK parser,
     * would otherwise skip the DTD and report its entities as unexpanded references instead of failing.
     */
    static XMLStreamReader open(InputStream in) throws XMLStreamException {
        XMLStreamReader xml = FACTORY.createXMLStreamReader(in);
        int event = xml.getEventType();
        while (event != XMLStreamConstants.START_ELEMENT) {
            if (event == XMLStreamConstants.DTD) {
                xml.close();
                throw new XMLStreamException("XML part with a DOCTYPE (DTD) refused");
            }
            if (!xml.hasNext()) {
                break;
            }
            event = xml.next();
        }
        return xml;
    }

    /** Skips the rest of the element the reader is on, children and all, leaving it on its end tag. */
    static void skipElement(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }
}
