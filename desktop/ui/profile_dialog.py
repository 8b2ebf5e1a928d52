"""The study profile: role, companies, first interview, hours a day, a rating per area."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.study.areas import AREAS, area_title
from desktop.study.plan import ROLES, Profile, ProfileError, validate_profile

RATING_CHOICES = ["not rated", "1 · new to me", "2 · shaky", "3 · okay", "4 · good", "5 · strong"]


class ProfileDialog(QDialog):
    def __init__(self, profile: Profile | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Your preparation profile")
        self.setMinimumWidth(520)  # the hints in the fields stay readable
        profile = profile or Profile()
        layout = QVBoxLayout(self)
        intro = QLabel(
            "A minute of answers gives you a personal plan. Everything is optional and can be "
            "changed later from the Today page. Tab moves to the next question; on a rating, "
            "type 1 to 5."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.role = QComboBox()
        self.role.addItems(ROLES)
        self.role.setCurrentText(profile.role)
        self._row(form, "Target role", self.role, "role")
        self.companies = QLineEdit(", ".join(profile.companies))
        self.companies.setPlaceholderText("e.g. DeepMind, Anthropic, Meta")
        self._row(form, "Target companies", self.companies, "companies")
        self.first_interview = QLineEdit(profile.first_interview)
        self.first_interview.setPlaceholderText("YYYY-MM-DD, or leave empty if not known")
        self._row(form, "First interview", self.first_interview, "first_interview")
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 16)
        self.hours.setSingleStep(0.5)
        self.hours.setDecimals(1)
        self.hours.setSuffix(" h/day")
        self.hours.setValue(profile.hours_per_day)
        self._row(form, "Time available", self.hours, "hours_per_day")
        self.ratings: dict[str, QComboBox] = {}
        for area in AREAS:
            combo = QComboBox()
            combo.addItems(RATING_CHOICES)
            combo.setCurrentIndex(profile.ratings.get(area, 0))
            self.ratings[area] = combo
            self._row(form, area_title(area), combo, f"rating:{area}")
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Skip for now")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.result_profile: Profile | None = None

    def _row(self, form: QFormLayout, label: str, widget: QWidget, key: str) -> None:
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(widget)
        error = QLabel()
        error.setStyleSheet("color: #d04444;")
        error.hide()
        box.addWidget(error)
        self.errors[key] = error
        form.addRow(label, holder)

    def profile(self) -> Profile:
        return Profile(
            role=self.role.currentText(),
            companies=[c.strip() for c in self.companies.text().split(",") if c.strip()],
            first_interview=self.first_interview.text().strip(),
            hours_per_day=self.hours.value(),
            ratings={a: c.currentIndex() for a, c in self.ratings.items() if c.currentIndex()},
        )

    def accept(self) -> None:
        profile = self.profile()
        for label in self.errors.values():
            label.hide()
        try:
            validate_profile(profile)
        except ProfileError as error:
            for key, message in error.errors.items():
                label = self.errors.get(key)
                if label is not None:
                    label.setText(message)
                    label.show()
            return
        self.result_profile = profile
        super().accept()

    @staticmethod
    def ask(profile: Profile | None, parent: QWidget | None = None) -> Profile | None:
        dialog = ProfileDialog(profile, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.result_profile
        return None
