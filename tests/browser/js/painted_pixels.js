// Returns the number of pixels painted (alpha above zero) on the first canvas of the canvas layer.
//
// No argument.
() => {
    const c = document.querySelector("canvas.dc-canvas");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) painted++;
    return painted;
}
