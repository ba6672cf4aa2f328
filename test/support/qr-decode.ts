// Reads a QR code back from what the page shows (an <svg> drawn by qr-svg.ts), so tests assert on the QR's
// content, not on how it was built.
import jsQR from 'jsqr';

export async function decodeQrSvg(svgElement: SVGSVGElement, pixels = 400): Promise<string | undefined> {
  const clone = svgElement.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('width', String(pixels));
  clone.setAttribute('height', String(pixels));
  const markup = new XMLSerializer().serializeToString(clone);
  const url = URL.createObjectURL(new Blob([markup], {type: 'image/svg+xml'}));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = pixels;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0, pixels, pixels);
    const data = context.getImageData(0, 0, pixels, pixels);
    return jsQR(data.data, pixels, pixels)?.data;
  } finally {
    URL.revokeObjectURL(url);
  }
}
