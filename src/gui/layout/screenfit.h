#pragma once

#include <QRect>

class QWidget;

namespace strata::gui {

// Where a top-level window goes on a screen whose available area (without panels and docks,
// in device-independent pixels) is `available`. A first run (`restored` false) takes the
// window's designed size when it fits, else the available area's size, centred in it. A
// geometry restored from another, larger screen is shrunk to the available size and moved so
// it lies wholly inside it. An empty `available` returns `wanted` unchanged.
QRect fitToScreen(const QRect &wanted, const QRect &available, bool restored);

// Applies fitToScreen() to `window` on its screen: call after restoreGeometry(), with whether a
// geometry was restored.
void fitWindowToScreen(QWidget *window, bool restored);

} // namespace strata::gui
