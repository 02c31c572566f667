"""Organisations beyond the KB: descriptors, suffixes, context for common-word names, the lists."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.annotate.actors import link_actors
from newsgraph.annotate.entities import find_entities
from newsgraph.annotate.kb import ActorFileError, read_org_descriptors
from newsgraph.model import Article, article_from_dict, article_to_dict

ROOT = Path(__file__).resolve().parent.parent


def link(pipeline, text, published="2024-06-19"):
    doc = pipeline.nlp(text)
    article = Article(id="t", text=text, published=published, entities=find_entities(doc))
    links = link_actors(article, doc, kb=pipeline.actor_kb)
    article.mentions, article.actors, article.entities = links.mentions, links.actors, links.entities
    return article


def mention(article, text):
    for m in article.mentions:
        if m.text == text:
            return m
    raise AssertionError(f"no mention {text!r} in {[m.text for m in article.mentions]}")


# -- unknown organisations coded from what the text says ----------------------------


def test_company_named_only_with_a_descriptor(pipeline):
    article = link(pipeline, "The chipmaker Zorvex said on Tuesday that it would cut jobs.")
    zorvex = mention(article, "Zorvex")
    assert zorvex.actor.sector == "BUS" and zorvex.actor.country is None
    assert "org-sector:descriptor chipmaker" in zorvex.rules


def test_descriptor_in_apposition_to_an_untagged_name(pipeline):
    article = link(pipeline, "Equifax, the credit reporting agency, said hackers stole data.")
    company = mention(article, "Equifax")
    assert company.actor.sector == "BUS"  # the longest descriptor, not "agency"
    assert "org-sector:apposition credit reporting agency" in company.rules


def test_descriptor_with_country_before_the_name(pipeline):
    article = link(pipeline, "The South Korean electronics giant Hanbit said sales fell.")
    assert mention(article, "Hanbit").actor.code == "KORBUS"
    # the title is the company, not a separate "South Korean business" actor
    assert {m.actor.id for m in article.mentions} == {mention(article, "Hanbit").actor.id}


def test_based_in_apposition_gives_the_country(pipeline):
    article = link(pipeline, "Vexa, a California-based startup, raised money from investors.")
    vexa = mention(article, "Vexa")
    assert vexa.actor.code == "USABUS"
    assert "org-country:apposition based" in vexa.rules


@pytest.mark.parametrize("text, name, sector", [
    ("Brimley Holdings Inc. said profits rose.", "Brimley Holdings Inc.", "BUS"),
    ("Quandor Ltd announced a merger with Tellix GmbH on Monday.", "Tellix GmbH", "BUS"),
    ("Glenmore Airlines said a flight was cancelled.", "Glenmore Airlines", "BUS"),
    ("He studied at Tarrant University before he moved abroad.", "Tarrant University", "EDU"),
])
def test_suffix_only_company_and_name_final_words(pipeline, text, name, sector):
    found = mention(link(pipeline, text), name)
    assert found.actor.sector == sector and found.actor.id.startswith("local:")
    assert any(rule.startswith("org-sector:name-ends") for rule in found.rules)


def test_a_clause_after_a_comma_is_not_an_apposition(pipeline):
    article = link(pipeline, "Apple unveiled a new iPhone, the company said.")
    assert all(m.actor.sector is None for m in article.mentions if m.text == "iPhone")


# -- the lists ------------------------------------------------------------------------


def test_agency_of_a_non_us_state(pipeline):
    article = link(pipeline, "ASIO warned of espionage, and the Bundeskriminalamt opened an inquiry.")
    assert mention(article, "ASIO").actor.code == "AUSSPY"
    assert mention(article, "Bundeskriminalamt").actor.code == "DEUCOP"


def test_largest_companies_and_media_link_to_the_kb(pipeline):
    article = link(pipeline, "Samsung Electronics and Nvidia met Der Spiegel reporters.")
    assert mention(article, "Samsung Electronics").actor.code == "KORBUS"
    assert mention(article, "Nvidia").actor.code == "USABUS"
    assert mention(article, "Der Spiegel").actor.code == "DEUMED"


def test_generated_names_match_only_capitalised(pipeline):
    article = link(pipeline, "Many staff work from a home office now.")
    assert article.mentions == []


@pytest.mark.parametrize("text", [
    "The Amazon basin is burning, scientists warned.",
    "Target areas include the north of the country.",
    "Shell casings were found at the scene.",
    "She ate an apple before lunch.",
])
def test_common_word_company_without_context_is_not_linked(pipeline, text):
    assert not any(m.actor.id.startswith("co-") for m in link(pipeline, text).mentions)


@pytest.mark.parametrize("text, name, rule", [
    ("Shell said it would sell its Nigerian assets.", "Shell", "org-context:entity"),
    ("Apple shares rose 3 percent on Monday.", "Apple", "org-context:modified-noun shares"),
])
def test_common_word_company_with_context_is_linked(pipeline, text, name, rule):
    found = mention(link(pipeline, text), name)
    assert found.actor.id.startswith("co-") and found.actor.sector == "BUS"
    assert rule in found.rules


def test_rules_survive_the_json_form(pipeline):
    article = link(pipeline, "The chipmaker Zorvex said it would cut jobs.")
    again = article_from_dict(article_to_dict(article))
    assert again.mentions == article.mentions and any(m.rules for m in again.mentions)


def test_descriptor_file_errors_name_the_line():
    with pytest.raises(ActorFileError, match="org_descriptors.tsv:2"):
        read_org_descriptors("phrase\tsector\twhere\nchipmaker\tXYZ\tany\n", "org_descriptors.tsv")


@pytest.mark.parametrize("script", ["build_companies.py", "build_agencies.py"])
def test_build_scripts_reproduce_the_shipped_lists(script):
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--check"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
