#include "authoring/editorkeys.h"

#include "qsci.h"

#include <QAction>
#include <QMenuBar>
#include <QShortcut>
#include <QWidget>

namespace strata::gui {

namespace {

void addFirstKeys(const QList<QKeySequence> &sequences, QList<QKeyCombination> &out)
{
    for (const QKeySequence &sequence : sequences) {
        // A chord's first key is what a binding would swallow.
        if (sequence.isEmpty())
            continue;
        const QKeyCombination first = sequence[0];
        if (!out.contains(first))
            out.append(first);
    }
}

} // namespace

QList<QKeyCombination> EditorKeys::windowShortcuts(const QWidget *window)
{
    QList<QKeyCombination> out;
    if (!window)
        return out;
    // Through the widgets too: an action may belong to an object outside the widget tree (a
    // controller) and still be shown in a menu or tool bar of the window.
    QList<const QWidget *> widgets{window};
    for (const QWidget *w : window->findChildren<QWidget *>())
        widgets.append(w);
    for (const QWidget *w : std::as_const(widgets))
        for (const QAction *action : w->actions())
            addFirstKeys(action->shortcuts(), out);
    for (const QAction *action : window->findChildren<QAction *>())
        addFirstKeys(action->shortcuts(), out);
    for (const QShortcut *shortcut : window->findChildren<QShortcut *>())
        addFirstKeys(shortcut->keys(), out);
    // The menu bar's mnemonics (Alt+F for &File ...) open its menus from any widget.
    for (const QMenuBar *bar : window->findChildren<QMenuBar *>())
        for (const QAction *menu : bar->actions())
            addFirstKeys({QKeySequence::mnemonic(menu->text())}, out);
    return out;
}

QStringList EditorKeys::release(QsciScintilla *editor, const QList<QKeyCombination> &keys)
{
    QStringList released;
    if (!editor)
        return released;
    for (QsciCommand *command : editor->standardCommands()->commands()) {
        bool removed = false;
        for (const QKeyCombination key : keys) {
            const int combined = key.toCombined();
            if (command->key() == combined) {
                command->setKey(0);
                removed = true;
            }
            if (command->alternateKey() == combined) {
                command->setAlternateKey(0);
                removed = true;
            }
        }
        if (removed)
            released.append(command->description());
    }
    return released;
}

bool EditorKeys::binds(QsciScintilla *editor, QKeyCombination key)
{
    return editor && editor->standardCommands()->boundTo(key.toCombined()) != nullptr;
}

} // namespace strata::gui
