// A QR code drawn here from the text (the qrcode library, no network): an SVG in the page.
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

export function QrCode({ text, size = 240, label }: { text: string; size?: number; label: string }) {
  const [svg, setSvg] = useState('');
  useEffect(() => {
    let live = true;
    void QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then((s) => live && setSvg(s));
    return () => {
      live = false;
    };
  }, [text]);
  // the library's own SVG markup, from our text only
  return <div className="qr" role="img" aria-label={label} style={{ width: size, height: size }} data-qr-text={text} dangerouslySetInnerHTML={{ __html: svg }} />;
}
