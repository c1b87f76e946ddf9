#include "layout/screenfit.h"

#include <QScreen>
#include <QWidget>

namespace strata::gui {

QRect fitToScreen(const QRect &wanted, const QRect &available, bool restored)
{
    if (available.isEmpty())
        return wanted;
    const QSize size = wanted.size().boundedTo(available.size());
    QRect fitted(QPoint(), size);
    if (!restored) {
        fitted.moveCenter(available.center());
        return fitted;
    }
    fitted.moveTopLeft(wanted.topLeft());
    // Inside the available area: first back from the right and bottom edges, then from the
    // left and top ones (the size already fits, so both hold).
    if (fitted.right() > available.right())
        fitted.moveRight(available.right());
    if (fitted.bottom() > available.bottom())
        fitted.moveBottom(available.bottom());
    if (fitted.left() < available.left())
        fitted.moveLeft(available.left());
    if (fitted.top() < available.top())
        fitted.moveTop(available.top());
    return fitted;
}

void fitWindowToScreen(QWidget *window, bool restored)
{
    const QScreen *screen = window->screen();
    if (!screen)
        return;
    const QRect fitted = fitToScreen(window->geometry(), screen->availableGeometry(), restored);
    if (fitted == window->geometry())
        return;
    window->resize(fitted.size());
    window->move(fitted.topLeft());
}

} // namespace strata::gui
