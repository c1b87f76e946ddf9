#pragma once

// Answering the app's dialogs from a widget test: dialogs opened with exec() or open() are the
// active modal widget once shown, so a short poll finds them.

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QElapsedTimer>
#include <QPushButton>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

namespace strata::test {

// Runs `answer` on the next modal dialog of type D once it is shown (within 20 s).
template <typename D> void whenDialogOpens(std::function<void(D *)> answer)
{
    auto *poll = new QTimer(qApp);
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    QObject::connect(poll, &QTimer::timeout, qApp, [poll, answer, started] {
        if (auto *dialog = qobject_cast<D *>(QApplication::activeModalWidget())) {
            poll->deleteLater();
            answer(dialog);
            // A failed check inside `answer` returns early: close the dialog so it ends.
            if (QTest::currentTestFailed() && dialog->isVisible())
                dialog->reject();
        } else if (started->elapsed() > 20000) {
            poll->deleteLater(); // the test's own wait reports the failure
        }
    });
    poll->start(20);
}

// Clicks the dialog's OK (or Save) button, which must be enabled.
inline void clickOk(QDialog *dialog)
{
    auto *box = dialog->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
    QVERIFY(box);
    QPushButton *ok = box->button(QDialogButtonBox::Ok);
    if (!ok)
        ok = box->button(QDialogButtonBox::Save);
    QVERIFY(ok && ok->isEnabled());
    ok->click();
}

} // namespace strata::test
