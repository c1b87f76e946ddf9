#include "authoring/findbar.h"

#include "qsci.h"
#include "ui_findbar.h"

#include <QKeyEvent>

namespace strata::gui {

FindBar::FindBar(QWidget *parent) : QWidget(parent), m_ui(std::make_unique<Ui::FindBar>())
{
    m_ui->setupUi(this);
    connect(m_ui->nextButton, &QToolButton::clicked, this, [this] { findNext(true); });
    connect(m_ui->previousButton, &QToolButton::clicked, this, [this] { findNext(false); });
    connect(m_ui->findEdit, &QLineEdit::returnPressed, this, [this] { findNext(true); });
    connect(m_ui->replaceButton, &QToolButton::clicked, this, &FindBar::replaceCurrent);
    connect(m_ui->replaceAllButton, &QToolButton::clicked, this, &FindBar::replaceAll);
    connect(m_ui->closeButton, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

FindBar::~FindBar() = default;

void FindBar::setEditor(QsciScintilla *editor)
{
    m_editor = editor;
}

void FindBar::showFind(bool withReplace)
{
    if (m_editor && m_editor->hasSelectedText() && !m_editor->selectedText().contains(u'\n'))
        m_ui->findEdit->setText(m_editor->selectedText());
    for (QWidget *w :
         {static_cast<QWidget *>(m_ui->replaceLabel), static_cast<QWidget *>(m_ui->replaceEdit),
          static_cast<QWidget *>(m_ui->replaceButton),
          static_cast<QWidget *>(m_ui->replaceAllButton)})
        w->setVisible(withReplace);
    setStatus({});
    show();
    m_ui->findEdit->setFocus();
    m_ui->findEdit->selectAll();
}

QString FindBar::findText() const
{
    return m_ui->findEdit->text();
}

void FindBar::setFindText(const QString &text)
{
    m_ui->findEdit->setText(text);
}

void FindBar::setReplaceText(const QString &text)
{
    m_ui->replaceEdit->setText(text);
}

bool FindBar::findNext(bool forward)
{
    if (!m_editor || findText().isEmpty())
        return false;
    int line = 0, index = 0;
    m_editor->getCursorPosition(&line, &index);
    if (!forward && m_editor->hasSelectedText()) { // start before the current match
        int lineTo = 0, indexTo = 0;
        m_editor->getSelection(&line, &index, &lineTo, &indexTo);
    }
    const bool found =
        m_editor->findFirst(findText(), m_ui->regexCheck->isChecked(), m_ui->caseCheck->isChecked(),
                            m_ui->wordCheck->isChecked(), true, forward, line, index, true, true);
    setStatus(found ? QString() : tr("Not found: %1").arg(findText()));
    return found;
}

bool FindBar::replaceCurrent()
{
    if (!m_editor)
        return false;
    // Replace the match under the selection, then move on to the next one.
    if (!m_editor->hasSelectedText() && !findNext(true))
        return false;
    m_editor->replace(m_ui->replaceEdit->text());
    findNext(true);
    return true;
}

int FindBar::replaceAll()
{
    if (!m_editor || findText().isEmpty())
        return 0;
    int count = 0;
    m_editor->beginUndoAction(); // one Undo takes it all back
    bool found =
        m_editor->findFirst(findText(), m_ui->regexCheck->isChecked(), m_ui->caseCheck->isChecked(),
                            m_ui->wordCheck->isChecked(), false, true, 0, 0, false, true);
    while (found) {
        m_editor->replace(m_ui->replaceEdit->text());
        ++count;
        found = m_editor->findNext();
    }
    m_editor->endUndoAction();
    setStatus(tr("%n replaced", nullptr, count));
    return count;
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        hide();
        if (m_editor)
            m_editor->setFocus();
        return;
    }
    QWidget::keyPressEvent(event);
}

void FindBar::setStatus(const QString &text)
{
    m_ui->statusLabel->setText(text);
}

} // namespace strata::gui
